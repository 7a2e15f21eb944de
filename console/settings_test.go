package console_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"unicode"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// configRow reads the settings row of a district ("" for the deployment's).
func configRow(t testing.TB, app *tests.TestApp, district string) map[string]any {
	t.Helper()
	row, err := app.FindFirstRecordByData(schema.Config, "district", district)
	if err != nil {
		t.Fatalf("settings of %q: %v", district, err)
	}
	out := map[string]any{}
	raw, _ := json.Marshal(row)
	_ = json.Unmarshal(raw, &out)
	for _, hidden := range []string{"sms_enabled", "sms_url", "sms_method", "sms_headers", "sms_body"} {
		out[hidden] = row.Get(hidden)
	}
	return out
}

// Each district's settings are its own: its officers read and change them, a range officer
// those of its districts, nobody else; no officer sets an SMS gateway.
func TestEachDistrictChangesItsOwnSettingsOnly(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	d1, d2 := f.Areas["d1"], f.Areas["d2"]
	shows := func(code string, gateway bool) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			district, _ := body["district"].(map[string]any)
			values, _ := body["values"].(map[string]any)
			if district["code"] != code || values["review_days"] != 1.0 {
				t.Errorf("settings %v, want district %s's", body, code)
			}
			if _, shown := values["sms_url"]; shown != gateway {
				t.Errorf("the SMS gateway shown: %v, want %v", shown, gateway)
			}
		}
	}
	unchanged := func(districts ...string) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			for _, d := range districts {
				row := configRow(t, app, d)
				if row["review_days"] != 1.0 || row["action_days"] != 7.0 || row["sms_url"] != "" || row["campaign_name"] != "Anubhav" {
					t.Errorf("the settings of %q changed: %v", d, row)
				}
			}
		}
	}
	for _, c := range []call{
		{who: testapp.SP, url: "/api/console/settings", status: 200, check: shows("d1", false)},
		{who: testapp.OtherSP, url: "/api/console/settings", status: 200, check: shows("d2", false)},
		{who: testapp.IG, url: "/api/console/settings", status: 200, check: shows("d1", false)},
		{who: testapp.IG, url: "/api/console/settings?district=d2", status: 200, check: shows("d2", false)},
		{who: testapp.Superuser, url: "/api/console/settings?district=d2", status: 200, check: shows("d2", true)},
		// Balod's SP can neither read nor change Durg's
		{who: testapp.OtherSP, url: "/api/console/settings?district=d1", status: 404},
		{who: testapp.OtherSP, method: http.MethodPatch, url: "/api/console/settings?district=d1", body: `{"review_days":3}`,
			status: 404, check: unchanged(d1, d2, "")},
		{who: testapp.SDO, url: "/api/console/settings", status: 403},
		{who: testapp.StationA, method: http.MethodPatch, url: "/api/console/settings", body: `{"action_days":3}`, status: 403},
		{who: anonymous, url: "/api/console/settings", status: 401},
		// the record API serves settings to superusers only
		{who: testapp.SP, url: "/api/collections/config/records", status: 403},
		{who: testapp.SP, method: http.MethodPatch, url: "/api/collections/config/records/x", body: `{"sms_url":"http://evil.test/"}`, status: 403},
		// no officer decides where citizens' mobiles go
		{who: testapp.OtherSP, method: http.MethodPatch, url: "/api/console/settings",
			body: `{"sms_enabled":true,"sms_url":"http://127.0.0.1:9/steal?to={{mobile}}","sms_headers":"X: y"}`, status: 400,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				data, _ := body["data"].(map[string]any)
				if data["sms_url"] == nil || data["sms_headers"] == nil {
					t.Errorf("errors %v, want sms_url and sms_headers named", data)
				}
				unchanged(d1, d2, "")(t, app, body)
				if configRow(t, app, d2)["sms_enabled"] != false {
					t.Error("a refused change was half saved")
				}
			}},
		// a change is the district's alone, in effect at once
		{who: testapp.SP, method: http.MethodPatch, url: "/api/console/settings", status: 200,
			body: `{"action_days":3,"campaign_name":"Sampark","urgent_words":["dhamki"],"sms_enabled":true}`,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				row := configRow(t, app, d1)
				if row["action_days"] != 3.0 || row["campaign_name"] != "Sampark" || row["sms_enabled"] != true {
					t.Errorf("saved %v", row)
				}
				unchanged(d2, "")(t, app, body)
			}},
		{who: testapp.IG, method: http.MethodPatch, url: "/api/console/settings?district=d2", body: `{"review_days":2}`, status: 200,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				if row := configRow(t, app, d2); row["review_days"] != 2.0 {
					t.Errorf("saved %v", row)
				}
				unchanged(d1, "")(t, app, body)
			}},
	} {
		c.name = "settings"
		c.run(t, f)
	}
}

// Every setting is checked with a message for the field, in the officer's language, and a
// refused change saves nothing.
func TestSettingsAreCheckedPerField(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	hindi := func(t testing.TB, app *tests.TestApp) {
		sp, err := app.FindAuthRecordByEmail(schema.Officers, testapp.SP)
		if err != nil {
			t.Fatal(err)
		}
		sp.Set("lang", schema.LangHindi)
		if err := app.Save(sp); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []struct{ field, value string }{
		{"review_days", `0`}, {"review_days", `"abc"`}, {"review_days", `2.5`}, {"review_days", `31`},
		{"action_days", `91`}, {"action_days", `null`},
		{"retention_days", `0`}, {"retention_days", `100000`},
		{"urgent_words", `"bribe"`}, {"urgent_words", `[""]`}, {"urgent_words", `[1]`}, {"urgent_words", `{"a":1}`},
		{"urgent_words", `["line\nbreak"]`},
		{"digest_time", `"25:00"`}, {"digest_time", `"8"`},
		{"sms_enabled", `"yes"`},
		{"district_name", `""`}, {"campaign_name_hi", `"  "`},
	} {
		for _, lang := range []string{schema.LangEnglish, schema.LangHindi} {
			c := call{name: "bad " + bad.field + " " + bad.value + " " + lang, who: testapp.SP, method: http.MethodPatch,
				url: "/api/console/settings", body: `{"` + bad.field + `":` + bad.value + `,"campaign_name":"Changed"}`, status: 400,
				check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
					data, _ := body["data"].(map[string]any)
					if len(data) != 1 {
						t.Errorf("errors %v, want %s alone", data, bad.field)
					}
					field, _ := data[bad.field].(map[string]any)
					msg, _ := field["message"].(string)
					devanagari := false
					for _, r := range msg {
						devanagari = devanagari || unicode.Is(unicode.Devanagari, r)
					}
					if msg == "" || devanagari != (lang == schema.LangHindi) {
						t.Errorf("message %q for %s, want one in %s", msg, bad.field, lang)
					}
					if row := configRow(t, app, f.Areas["d1"]); row["campaign_name"] != "Anubhav" {
						t.Errorf("a refused change saved the rest: %v", row)
					}
				}}
			if lang == schema.LangHindi {
				c.before = hindi
			}
			c.run(t, f)
		}
	}
}
