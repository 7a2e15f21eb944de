package console_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/testkit/testapp"
)

// strs reads a JSON list of strings.
func strs(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, s := range list {
		str, _ := s.(string)
		out = append(out, str)
	}
	return out
}

// The console's lists are the server's: the schema's enumerations, the actions' rules, the
// settings with the types of their fields, and the questionnaire as the citizen's form asks it.
func TestMetaListsWhatTheServerOwns(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	call{name: "meta", who: testapp.SP, url: "/api/console/meta", status: 200, check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
		for name, want := range map[string][]string{"statuses": schema.Statuses, "kinds": schema.FeedbackKinds,
			"flags": schema.Flags, "channels": schema.Channels, "roles": schema.Roles} {
			if got := strs(body[name]); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
		}
		entry := strs(body["entry_channels"])
		if len(entry) != len(schema.Channels)-1 || entry[0] != "phone" || slices.Contains(entry, schema.ChannelQR) {
			t.Errorf("entry channels %v", entry)
		}
		if got := testapp.AsJSON(t, body["ratings"]); !slices.Equal(got.([]any), []any{1.0, 2.0, 3.0, 4.0, 5.0}) {
			t.Errorf("ratings %v", got)
		}
		// which actions need a text, name an officer, are the citizen's to read
		needText, officer, public := []string{}, []string{}, []string{}
		var names []string
		for _, a := range body["actions"].([]any) {
			a := a.(map[string]any)
			name := a["name"].(string)
			names = append(names, name)
			if a["body"] == true {
				needText = append(needText, name)
			}
			if a["officer"] == true {
				officer = append(officer, name)
			}
			if a["public"] == true {
				public = append(public, name)
			}
			if name == schema.ActionTaken && (!slices.Equal(strs(a["roles"]), schema.Roles[:3]) || a["to"] != schema.StatusActionTaken) {
				t.Errorf("action taken: %v", a)
			}
		}
		if !slices.Equal(names, slices.DeleteFunc(slices.Clone(schema.ConsoleActions), func(a string) bool {
			return a == schema.ActionSMS || a == schema.ActionExport // not the server's own records
		})) {
			t.Errorf("actions %v", names)
		}
		if want := []string{schema.ActionNote, schema.ActionInstruction, schema.ActionTaken, schema.ActionReply,
			schema.ActionClose, schema.ActionReopen, schema.ActionShare}; !slices.Equal(needText, want) {
			t.Errorf("actions that need a text: %v, want %v", needText, want)
		}
		if !slices.Equal(officer, []string{schema.ActionAssign}) || !slices.Equal(public, []string{schema.ActionReply}) {
			t.Errorf("naming an officer %v, public %v", officer, public)
		}
		types := map[string]string{}
		for _, s := range body["settings"].([]any) {
			s := s.(map[string]any)
			types[s["name"].(string)] = s["type"].(string)
		}
		if len(types) != len(console.SettingsFields) || types["review_days"] != console.SettingNumber ||
			types["urgent_words"] != console.SettingList || types["sms_enabled"] != console.SettingBool ||
			types["digest_time"] != console.SettingText || types["campaign_name_hi"] != console.SettingText {
			t.Errorf("settings %v", types)
		}
		// the questionnaire: the description the citizen's form draws, in the officer's language
		qs, err := submission.Questionnaire(app)
		if err != nil {
			t.Fatal(err)
		}
		var want []submission.Asked
		for _, q := range qs {
			want = append(want, q.In("en"))
		}
		if got, wantJSON := body["questions"], testapp.AsJSON(t, want); !jsonEqual(got, wantJSON) || len(want) < 5 {
			t.Errorf("questions:\n%v\nwant\n%v", got, wantJSON)
		}
	}}.run(t, f)

	// in another language on request; a station officer sees and enters experience feedback only
	call{name: "meta in Hindi", who: testapp.StationA, url: "/api/console/meta?lang=hi", status: 200,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if kinds := strs(body["kinds"]); !slices.Equal(kinds, []string{schema.KindExperience}) {
				t.Errorf("a station officer's kinds: %v", kinds)
			}
			qs, _ := submission.Questionnaire(app)
			q := body["questions"].([]any)[0].(map[string]any)
			if body["lang"] != "hi" || q["label"] != qs[0].LabelHi || q["name"] != qs[0].Field() {
				t.Errorf("the first question in Hindi: %v", q)
			}
		}}.run(t, f)
	call{name: "meta", who: anonymous, url: "/api/console/meta", status: 401}.run(t, f)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// Me says whether the officer's inbox counts escalations: every role but the station's,
// which no item is escalated to.
func TestMeSaysWhoSeesEscalations(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	for who, want := range map[string]bool{testapp.StationA: false, testapp.SDO: true, testapp.SP: true, testapp.IG: true} {
		call{name: "me", who: who, url: "/api/console/me", status: 200, check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := body["sees"].(map[string]any)["escalated"]; got != want {
				t.Errorf("sees escalations: %v, want %v", got, want)
			}
		}}.run(t, f)
	}
}
