package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/testapp"
)

// The "who sees what" table of DESIGN.md, checked through PocketBase's record API for every
// role against every collection and action.

const anonymous = ""

var everyone = []string{anonymous, testapp.StationA, testapp.StationB, testapp.SDO, testapp.SP, testapp.OtherSP, testapp.IG}

func scenario(f *testapp.Fixture, who, method, url, body string, status int) *tests.ApiScenario {
	s := &tests.ApiScenario{
		Name:           who + " " + method + " " + url,
		Method:         method,
		URL:            url,
		ExpectedStatus: status,
		TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
		Headers:        map[string]string{},
	}
	if who != anonymous {
		s.Headers["Authorization"] = f.Tokens[who]
	}
	if body != "" {
		s.Body = strings.NewReader(body)
	}
	s.ExpectedContent = []string{""} // status is what matters here; content is checked by listIDs
	return s
}

// listIDs lists a collection as who and returns the ids it sees.
func listIDs(t *testing.T, f *testapp.Fixture, who, collection, query string) []string {
	t.Helper()
	var ids []string
	s := scenario(f, who, http.MethodGet, "/api/collections/"+collection+"/records?perPage=500"+query, "", http.StatusOK)
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		var body struct {
			Items []map[string]any `json:"items"`
		}
		raw, _ := io.ReadAll(res.Body)
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		for _, it := range body.Items {
			ids = append(ids, it["id"].(string))
		}
	}
	s.Test(t)
	slices.Sort(ids)
	return ids
}

func ids(m map[string]string, names ...string) []string {
	out := []string{}
	for _, n := range names {
		out = append(out, m[n])
	}
	slices.Sort(out)
	return out
}

func TestWhoSeesWhatInLists(t *testing.T) {
	f := testapp.Fixtures(t)
	allItems := []string{"a-exp", "a-complaint", "a-tip", "b-exp", "c-exp", "d-exp"}
	d1Items := []string{"a-exp", "a-complaint", "a-tip", "b-exp", "d-exp"}
	cases := []struct {
		collection string
		ids        map[string]string
		sees       map[string][]string
	}{
		{"feedback", f.Items, map[string][]string{
			anonymous:        nil,
			testapp.StationA: {"a-exp"}, // never the complaint or the tip about its own station
			testapp.StationB: {"b-exp"},
			testapp.SDO:      {"a-exp", "a-complaint", "a-tip", "b-exp"},
			testapp.SP:       d1Items,
			testapp.OtherSP:  {"c-exp"},
			testapp.IG:       allItems,
		}},
		{"contacts", f.Contacts, map[string][]string{
			anonymous:        nil,
			testapp.StationA: nil,
			testapp.StationB: nil,
			testapp.SDO:      {"a-exp", "a-complaint"},
			testapp.SP:       {"a-exp", "a-complaint"},
			testapp.OtherSP:  {"c-exp"},
			testapp.IG:       nil, // the range never sees contacts
		}},
		{"followups", f.Replies, map[string][]string{
			anonymous:        nil,
			testapp.StationA: {"a-exp"},
			testapp.StationB: nil,
			testapp.SDO:      {"a-exp"},
			testapp.SP:       {"a-exp"},
			testapp.OtherSP:  {"c-exp"},
			testapp.IG:       {"a-exp", "c-exp"},
		}},
		{"officers", f.Officers, map[string][]string{
			anonymous:        nil,
			testapp.StationA: {testapp.StationA},
			testapp.StationB: {testapp.StationB},
			testapp.SDO:      {testapp.SDO, testapp.StationA, testapp.StationB},
			testapp.SP:       {testapp.SP, testapp.SDO, testapp.StationA, testapp.StationB},
			testapp.OtherSP:  {testapp.OtherSP},
			testapp.IG:       {testapp.IG, testapp.SP, testapp.OtherSP, testapp.SDO, testapp.StationA, testapp.StationB},
		}},
		{"stations", f.Stations, map[string][]string{
			// inactive stations are for officers only
			anonymous:        {"st-a", "st-b", "st-c", "st-d"},
			testapp.StationA: {"st-a", "st-b", "st-c", "st-d", "st-off"},
			testapp.IG:       {"st-a", "st-b", "st-c", "st-d", "st-off"},
		}},
		{"areas", f.Areas, map[string][]string{
			anonymous:  {"rg", "d1", "d2", "s1", "s2"},
			testapp.SP: {"rg", "d1", "d2", "s1", "s2"},
		}},
	}
	for _, c := range cases {
		for who, names := range c.sees {
			t.Run(c.collection+"/"+who, func(t *testing.T) {
				got := listIDs(t, f, who, c.collection, "")
				if want := ids(c.ids, names...); !slices.Equal(got, want) {
					t.Errorf("%q lists %v in %s, want %v", who, got, c.collection, want)
				}
			})
		}
	}
}

func TestQuestionsAreListedPublicly(t *testing.T) {
	f := testapp.Fixtures(t)
	if got := listIDs(t, f, anonymous, "questions", ""); len(got) < 10 {
		t.Fatalf("anonymous sees %d questions, want the default questionnaire", len(got))
	}
}

func TestDigestsAndConfigAreForOfficers(t *testing.T) {
	f := testapp.Fixtures(t)
	if got := listIDs(t, f, anonymous, "config", ""); len(got) != 0 {
		t.Errorf("anonymous sees the config: %v", got)
	}
	for _, who := range everyone[1:] {
		if got := listIDs(t, f, who, "config", ""); len(got) != 1 {
			t.Errorf("%s sees %d config rows, want 1", who, len(got))
		}
		if got := listIDs(t, f, who, "digests", ""); len(got) != 0 {
			t.Errorf("%s sees digests of others: %v", who, got)
		}
	}
}

func TestStationOfficerSeesTheDateButNotTheTime(t *testing.T) {
	f := testapp.Fixtures(t)
	s := scenario(f, testapp.StationA, http.MethodGet, "/api/collections/feedback/records/"+f.Items["a-exp"], "", http.StatusOK)
	s.ExpectedContent = []string{`"date":"20`}
	s.NotExpectedContent = []string{`"created"`, `"updated"`, `"closed_at"`}
	s.Test(t)

	// Nor can they find it out by filtering on a time.
	if got := listIDs(t, f, testapp.StationA, "feedback", "&filter="+url.QueryEscape(`created>"2000-01-01 05:00:00"`)); len(got) != 0 {
		t.Errorf("a station officer may filter on the time of an item: %v", got)
	}
	if got := listIDs(t, f, testapp.StationA, "feedback", "&filter="+url.QueryEscape(`status="new"`)); len(got) != 1 {
		t.Errorf("a station officer's other filters must work: got %v", got)
	}

	// A supervisor sees the time.
	s = scenario(f, testapp.SDO, http.MethodGet, "/api/collections/feedback/records/"+f.Items["a-exp"], "", http.StatusOK)
	s.ExpectedContent = []string{`"created":"20`}
	s.Test(t)
}

func TestWhoMayChangeWhat(t *testing.T) {
	f := testapp.Fixtures(t)
	// Everything here is the superuser's alone (or nobody's): every officer and anonymous are
	// refused, and the stored data stays as it was.
	refused := []struct{ method, url, body string }{
		{http.MethodPost, "/api/collections/feedback/records", `{"station":"` + f.Stations["st-a"] + `","kind":"experience","rating":5,"channel":"qr","status":"new"}`},
		{http.MethodPatch, "/api/collections/feedback/records/" + f.Items["a-exp"], `{"status":"closed"}`},
		{http.MethodDelete, "/api/collections/feedback/records/" + f.Items["a-exp"], ""},
		{http.MethodDelete, "/api/collections/feedback/records/" + f.Items["c-exp"], ""},
		{http.MethodPost, "/api/collections/contacts/records", `{"feedback":"` + f.Items["b-exp"] + `","name":"x","consent":true}`},
		{http.MethodPatch, "/api/collections/contacts/records/" + f.Contacts["a-exp"], `{"mobile":"9999999999"}`},
		{http.MethodDelete, "/api/collections/contacts/records/" + f.Contacts["a-exp"], ""},
		{http.MethodPatch, "/api/collections/followups/records/" + f.Replies["a-exp"], `{"body":"changed"}`},
		{http.MethodDelete, "/api/collections/followups/records/" + f.Replies["a-exp"], ""},
		{http.MethodPost, "/api/collections/areas/records", `{"code":"x","name":"x","name_hi":"x","kind":"range"}`},
		{http.MethodPatch, "/api/collections/areas/records/" + f.Areas["d1"], `{"name":"x"}`},
		{http.MethodDelete, "/api/collections/areas/records/" + f.Areas["s2"], ""},
		{http.MethodPost, "/api/collections/stations/records", `{"code":"x","name":"x","name_hi":"x","kind":"thana","area":"` + f.Areas["s1"] + `"}`},
		{http.MethodPatch, "/api/collections/stations/records/" + f.Stations["st-a"], `{"active":false}`},
		{http.MethodDelete, "/api/collections/stations/records/" + f.Stations["st-c"], ""},
		{http.MethodPost, "/api/collections/questions/records", `{"key":"x","type":"text","label_en":"x","label_hi":"x","kinds":["tip"]}`},
		{http.MethodPost, "/api/collections/officers/records", `{"email":"new@test.local","password":"password123","passwordConfirm":"password123","name":"x","role":"range","area":"` + f.Areas["rg"] + `"}`},
		{http.MethodDelete, "/api/collections/officers/records/" + f.Officers[testapp.StationB], ""},
		{http.MethodPost, "/api/collections/digests/records", `{"day":"2026-01-01","officer":"` + f.Officers[testapp.SP] + `","status":"sent"}`},
		{http.MethodPost, "/api/collections/config/records", `{"district_name":"x","district_name_hi":"x","campaign_name":"x","campaign_name_hi":"x"}`},
	}
	for _, a := range refused {
		for _, who := range everyone {
			scenario(f, who, a.method, a.url, a.body, http.StatusForbidden).Test(t)
		}
	}
}

func TestOnlyASuperuserDeletesFeedback(t *testing.T) {
	f := testapp.Fixtures(t)
	s := scenario(f, testapp.Superuser, http.MethodDelete, "/api/collections/feedback/records/"+f.Items["a-exp"], "", http.StatusNoContent)
	s.ExpectedContent = nil
	s.Test(t)
}

func TestOfficersChangeOnlyTheirOwnSafeFields(t *testing.T) {
	f := testapp.Fixtures(t)
	self := "/api/collections/officers/records/" + f.Officers[testapp.StationA]
	s := scenario(f, testapp.StationA, http.MethodPatch, self, `{"lang":"hi","phone":"9000000000"}`, http.StatusOK)
	s.Test(t)
	// Raising one's own role or widening one's scope is refused, as is touching another officer.
	for _, body := range []string{`{"role":"range"}`, `{"area":"` + f.Areas["rg"] + `"}`, `{"station":"` + f.Stations["st-c"] + `"}`, `{"verified":false}`} {
		scenario(f, testapp.StationA, http.MethodPatch, self, body, http.StatusNotFound).Test(t)
	}
	scenario(f, testapp.SP, http.MethodPatch, self, `{"lang":"hi"}`, http.StatusNotFound).Test(t)
}

func TestOfficersWriteFollowupsOnlyOnWhatTheySee(t *testing.T) {
	f := testapp.Fixtures(t)
	post := func(who, item string, status int) {
		body := `{"feedback":"` + f.Items[item] + `","author":"` + f.Officers[who] + `","kind":"note","body":"seen"}`
		scenario(f, who, http.MethodPost, "/api/collections/followups/records", body, status).Test(t)
	}
	post(testapp.StationA, "a-exp", http.StatusOK)
	post(testapp.StationA, "a-complaint", http.StatusBadRequest)
	post(testapp.StationA, "b-exp", http.StatusBadRequest)
	post(testapp.SDO, "a-complaint", http.StatusOK)
	post(testapp.SP, "c-exp", http.StatusBadRequest)
	post(testapp.OtherSP, "c-exp", http.StatusOK)
	post(testapp.IG, "c-exp", http.StatusOK)
	// in one's own name only
	body := `{"feedback":"` + f.Items["a-exp"] + `","author":"` + f.Officers[testapp.SP] + `","kind":"note","body":"x"}`
	scenario(f, testapp.SDO, http.MethodPost, "/api/collections/followups/records", body, http.StatusBadRequest).Test(t)
	scenario(f, anonymous, http.MethodPost, "/api/collections/followups/records", body, http.StatusBadRequest).Test(t)
}

func TestDistrictOfficerEditsTheSettings(t *testing.T) {
	f := testapp.Fixtures(t)
	var id string
	s := scenario(f, testapp.SP, http.MethodGet, "/api/collections/config/records", "", http.StatusOK)
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindFirstRecordByFilter("config", "")
		if err != nil {
			t.Fatal(err)
		}
		id = r.Id
	}
	s.Test(t)
	row := "/api/collections/config/records/" + id
	scenario(f, testapp.SP, http.MethodPatch, row, `{"action_days":5}`, http.StatusOK).Test(t)
	scenario(f, testapp.SP, http.MethodPatch, row, `{"timezone":"Mars/Olympus"}`, http.StatusBadRequest).Test(t)
	for _, who := range []string{testapp.StationA, testapp.SDO, testapp.IG} {
		scenario(f, who, http.MethodPatch, row, `{"action_days":5}`, http.StatusNotFound).Test(t)
	}
	scenario(f, anonymous, http.MethodPatch, row, `{"action_days":5}`, http.StatusNotFound).Test(t)
}
