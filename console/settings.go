package console

import (
	"slices"
	"sort"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// SettingsFields are the district's settings that the console edits: the campaign, the
// deadlines, the urgent words, the retention of contacts and the SMS gateway.
var SettingsFields = []string{
	"district_name", "district_name_hi", "campaign_name", "campaign_name_hi",
	"review_days", "action_days", "urgent_words", "retention_days", "digest_time",
	"sms_enabled", "sms_url", "sms_method", "sms_headers", "sms_body",
}

// MayEditSettings: a district officer (or a superuser, in the dashboard or here).
func MayEditSettings(auth *core.Record) bool {
	if auth == nil {
		return false
	}
	return auth.IsSuperuser() || (auth.Collection().Name == schema.Officers && auth.GetString("role") == schema.RoleDistrict)
}

// Settings returns the editable settings.
func Settings(app core.App) (map[string]any, error) {
	row, err := app.FindFirstRecordByFilter(schema.Config, "")
	if err != nil {
		return nil, err
	}
	out := map[string]any{"id": row.Id}
	for _, f := range SettingsFields {
		out[f] = row.Get(f)
	}
	return out, nil
}

// SaveSettings changes the given settings (and nothing else): an unknown name, or a value
// the collection refuses, is an error naming the field.
func SaveSettings(app core.App, changes map[string]any) error {
	row, err := app.FindFirstRecordByFilter(schema.Config, "")
	if err != nil {
		return err
	}
	unknown := []string{}
	for name, v := range changes {
		if !slices.Contains(SettingsFields, name) {
			unknown = append(unknown, name)
			continue
		}
		row.Set(name, v)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		errs := validation.Errors{}
		for _, name := range unknown {
			errs[name] = validation.NewError("unknown_setting", "There is no setting "+name+" to change here.")
		}
		return errs
	}
	return app.Save(row)
}
