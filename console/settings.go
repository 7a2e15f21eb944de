package console

import (
	"slices"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/words"
)

// SettingsFields are a district's own settings, which its officers change here: the names,
// the campaign, the deadlines, the urgent words, the retention of contacts, the digest time,
// whether replies go by SMS, the canned replies and whether the district publishes its monthly
// results at /stats, in the order the console shows them.
var SettingsFields = []string{
	"district_name", "district_name_hi", "campaign_name", "campaign_name_hi",
	"review_days", "action_days", "retention_days", "digest_time", "urgent_words", "sms_enabled",
	"replies", "replies_hi", "public_stats",
}

// GatewayFields say where citizens' mobiles go and hold the provider's key: the system
// administrator's (a superuser's) to set, never an officer's.
var GatewayFields = []string{"sms_url", "sms_method", "sms_headers", "sms_body"}

// MayEditSettings: a district officer (its own district), a range officer (its districts), or
// a superuser.
func MayEditSettings(auth *core.Record) bool {
	if auth == nil {
		return false
	}
	if auth.IsSuperuser() {
		return true
	}
	role := auth.GetString("role")
	return auth.Collection().Name == schema.Officers && (role == schema.RoleDistrict || role == schema.RoleRange)
}

// DistrictRef names a district whose settings an officer may change.
type DistrictRef struct {
	ID     string `db:"id" json:"id"`
	Code   string `db:"code" json:"code"`
	Name   string `db:"name" json:"name"`
	NameHi string `db:"name_hi" json:"name_hi"`
}

// SettingsView is one district's settings, with the districts the officer may switch to.
type SettingsView struct {
	District  DistrictRef    `json:"district"`
	Districts []DistrictRef  `json:"districts"`
	Values    map[string]any `json:"values"`
}

// SettingsDistricts are the districts whose settings an officer may change: a district
// officer's own, a range officer's, every district for a superuser.
func SettingsDistricts(app core.App, auth *core.Record) ([]DistrictRef, error) {
	if !MayEditSettings(auth) {
		return nil, ErrForbidden
	}
	q := app.DB().Select("id", "code", "name", "name_hi").From(schema.Areas).AndWhere(dbx.HashExp{"kind": schema.AreaDistrict}).OrderBy("name")
	if !auth.IsSuperuser() {
		area := auth.GetString("area")
		if auth.GetString("role") == schema.RoleDistrict {
			q.AndWhere(dbx.HashExp{"id": area})
		} else {
			q.AndWhere(dbx.HashExp{"parent": area})
		}
	}
	out := []DistrictRef{}
	return out, q.All(&out)
}

// Settings returns the settings of a district the officer may change (by code; "" for the
// first of its districts).
func Settings(app core.App, auth *core.Record, code string) (*SettingsView, error) {
	districts, err := SettingsDistricts(app, auth)
	if err != nil {
		return nil, err
	}
	i := 0
	if code != "" {
		i = slices.IndexFunc(districts, func(d DistrictRef) bool { return d.Code == code })
	}
	if i < 0 || len(districts) == 0 {
		return nil, ErrNotFound
	}
	cfg, err := appconfig.For(app, districts[i].ID)
	if err != nil {
		return nil, err
	}
	v := &SettingsView{District: districts[i], Districts: districts, Values: map[string]any{}}
	for _, f := range editable(auth) {
		v.Values[f] = valueOf(cfg, f)
	}
	return v, nil
}

// valueOf reads a setting as the district has it (a gateway field from the row that holds
// the district's gateway).
func valueOf(cfg *appconfig.Config, field string) any {
	if slices.Contains(GatewayFields, field) {
		return cfg.Gateway.Get(field)
	}
	return cfg.Record.Get(field)
}

func editable(auth *core.Record) []string {
	if auth.IsSuperuser() {
		return append(slices.Clone(SettingsFields), GatewayFields...)
	}
	return SettingsFields
}

// SaveSettings changes the given settings of one district (and nothing else), each checked
// with a message in the officer's language; a name the officer may not set is an error
// naming it. A district that has no row of its own yet gets one.
func SaveSettings(app core.App, auth *core.Record, code string, changes map[string]any) error {
	view, err := Settings(app, auth, code)
	if err != nil {
		return err
	}
	lang := auth.GetString("lang")
	errs := validation.Errors{}
	allowed := editable(auth)
	for name := range changes {
		if !slices.Contains(allowed, name) {
			errs[name] = words.FieldError("unknown_setting", words.T(lang, "error.unknown_setting", "name", name))
		}
	}
	for name, p := range appconfig.Check(changes) {
		if _, unknown := errs[name]; !unknown {
			errs[name] = words.FieldError("invalid_setting", p.In(lang))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	row, err := app.FindFirstRecordByData(schema.Config, "district", view.District.ID)
	if err != nil {
		area, err := app.FindRecordById(schema.Areas, view.District.ID)
		if err != nil {
			return err
		}
		if err := appconfig.AddDistrict(app, area); err != nil {
			return err
		}
		if row, err = app.FindFirstRecordByData(schema.Config, "district", view.District.ID); err != nil {
			return err
		}
	}
	for name, v := range changes {
		row.Set(name, v)
	}
	return app.Save(row)
}
