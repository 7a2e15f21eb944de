package appconfig

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/words"
)

// ownValues are the settings a district starts with from the deployment's and then changes
// on its own; the SMS gateway and the time zone stay the deployment's.
var ownValues = []string{"campaign_name", "campaign_name_hi", "review_days", "action_days", "urgent_words",
	"retention_days", "digest_time", "sms_enabled", "replies", "replies_hi"}

// AddDistrict gives a new district area its own settings, named after it, with the
// deployment's values. Other areas, and a district that has its row, are left alone.
func AddDistrict(app core.App, area *core.Record) error {
	if area.GetString("kind") != schema.AreaDistrict {
		return nil
	}
	if _, err := app.FindFirstRecordByData(schema.Config, "district", area.Id); err == nil {
		return nil
	}
	collection, err := app.FindCachedCollectionByNameOrId(schema.Config)
	if err != nil {
		return err
	}
	deployment, err := Get(app)
	if err != nil {
		return err
	}
	row := core.NewRecord(collection)
	for _, name := range ownValues {
		row.Set(name, deployment.Record.Get(name))
	}
	row.Set("district", area.Id)
	row.Set("district_name", words.T(words.English, "config.district_police", "name", area.GetString("name")))
	row.Set("district_name_hi", words.T(words.Hindi, "config.district_police", "name", area.GetString("name_hi")))
	return app.Save(row)
}
