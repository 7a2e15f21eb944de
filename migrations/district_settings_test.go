package migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/testkit/testapp"
)

func migration(t *testing.T, file string) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == file {
			return m
		}
	}
	t.Fatalf("no migration %s", file)
	return nil
}

// An upgraded district keeps what it had set: the one settings row of before becomes one row
// per district with its values, and the deployment's row keeps the gateway and the time zone.
func TestTheSingleSettingsRowBecomesOnePerDistrict(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	m := migration(t, "1764006200_district_settings.go")
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	rows, err := app.FindAllRecords("config")
	if err != nil || len(rows) != 1 {
		t.Fatalf("before: %d rows (%v), want the one of old", len(rows), err)
	}
	old := rows[0]
	old.Load(map[string]any{"review_days": 3, "action_days": 10, "urgent_words": []string{"dhamki"}, "digest_time": "07:15",
		"sms_enabled": true, "sms_url": "https://sms.example.in/send?to={{mobile91}}", "timezone": "Asia/Kolkata"})
	if err := app.Save(old); err != nil {
		t.Fatal(err)
	}

	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	config, err := app.FindCollectionByNameOrId("config")
	if err != nil {
		t.Fatal(err)
	}
	if config.ListRule != nil || config.ViewRule != nil || config.UpdateRule != nil || config.CreateRule != nil || config.DeleteRule != nil {
		t.Error("the settings are still open to the record API")
	}
	for code, name := range map[string]string{"d1": "Area d1 Police", "d2": "Area d2 Police"} {
		row, err := app.FindFirstRecordByData("config", "district", f.Areas[code])
		if err != nil {
			t.Fatalf("no settings of %s: %v", code, err)
		}
		if row.GetInt("review_days") != 3 || row.GetInt("action_days") != 10 || row.GetString("digest_time") != "07:15" ||
			!row.GetBool("sms_enabled") || row.GetString("urgent_words") != `["dhamki"]` || row.GetString("district_name") != name {
			t.Errorf("%s's settings %v, want the old row's values under its own name", code, row.PublicExport())
		}
		if row.GetString("sms_url") != "" {
			t.Errorf("%s has a gateway of its own: %q (the deployment's should serve)", code, row.GetString("sms_url"))
		}
	}
	deployment, err := app.FindFirstRecordByFilter("config", "district = ''")
	if err != nil || deployment.GetString("sms_url") != "https://sms.example.in/send?to={{mobile91}}" {
		t.Fatalf("the deployment's row %v (%v)", deployment, err)
	}
}
