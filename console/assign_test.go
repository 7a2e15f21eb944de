package console_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// An item is assigned only to an officer who can act on it: whose scope holds it and whose
// role can take it toward its end (action taken, close, spam) as the assignment leaves it.
// The item's "assignable" list offers exactly those.
func TestAssignOnlyToAnOfficerWhoCanAct(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	withStatus := func(item, status string) func(testing.TB, *tests.TestApp) {
		return func(t testing.TB, app *tests.TestApp) {
			rec, _ := app.FindRecordById(schema.Feedback, f.Items[item])
			rec.Set("status", status)
			if err := app.Save(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	inHindi := func(who string) func(testing.TB, *tests.TestApp) {
		return func(t testing.TB, app *tests.TestApp) {
			rec, _ := app.FindRecordById(schema.Officers, f.Officers[who])
			rec.Set("lang", schema.LangHindi)
			if err := app.Save(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	refused := func(lang string) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			officer, _ := body["data"].(map[string]any)["officer"].(map[string]any)
			msg, _ := officer["message"].(string)
			if officer["code"] != "officer_cannot_act" || (lang == schema.LangHindi) != strings.Contains(msg, "अधिकारी") {
				t.Errorf("error %v, want officer_cannot_act in %s", body["data"], lang)
			}
		}
	}
	assignedTo := func(item, who string) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			rec, _ := app.FindRecordById(schema.Feedback, f.Items[item])
			if rec.GetString("assigned_to") != f.Officers[who] {
				t.Errorf("assigned to %q, want %s", rec.GetString("assigned_to"), who)
			}
		}
	}
	for _, c := range []struct {
		who, item, to string
		before        func(testing.TB, *tests.TestApp)
		status        int
	}{
		{testapp.SP, "a-exp", testapp.IG, nil, 400},                                                 // the range notes and instructs only
		{testapp.SP, "a-exp", testapp.OtherSP, nil, 400},                                            // another district
		{testapp.SP, "a-exp", testapp.StationB, nil, 400},                                           // another station
		{testapp.SP, "a-complaint", testapp.StationA, nil, 400},                                     // never to the station a complaint is about
		{testapp.SP, "a-exp", testapp.StationA, withStatus("a-exp", schema.StatusActionTaken), 400}, // its answer is given
		{testapp.SP, "a-exp", "", nil, 400},
		{testapp.SP, "a-exp", testapp.StationA, nil, 200},
		{testapp.SP, "a-exp", testapp.StationA, withStatus("a-exp", schema.StatusInReview), 200},
		{testapp.SP, "a-exp", testapp.SDO, nil, 200},
		{testapp.SP, "a-exp", testapp.SP, nil, 200},
		{testapp.SDO, "a-complaint", testapp.SP, nil, 200},
		{testapp.SDO, "a-tip", testapp.SDO, withStatus("a-tip", schema.StatusActionTaken), 200},
		{testapp.IG, "c-exp", testapp.OtherSP, nil, 403}, // the range does not assign
	} {
		body := `{"action":"assign","officer":"` + f.Officers[c.to] + `"}`
		check := refused(schema.LangEnglish)
		if c.status == 200 {
			check = assignedTo(c.item, c.to)
		} else if c.status != 400 {
			check = nil
		}
		call{name: "assign to " + c.to, who: c.who, method: http.MethodPost, url: "/api/console/items/" + f.Items[c.item] + "/actions",
			body: body, status: c.status, before: c.before, check: check}.run(t, f)
	}
	call{name: "assign, in Hindi", who: testapp.SP, method: http.MethodPost, url: "/api/console/items/" + f.Items["a-exp"] + "/actions",
		body: `{"action":"assign","officer":"` + f.Officers[testapp.IG] + `"}`, status: 400, before: inHindi(testapp.SP),
		check: refused(schema.LangHindi)}.run(t, f)

	offered := func(item string, want ...string) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			got := ids(body["assignable"])
			wantIDs := []string{}
			for _, who := range want {
				wantIDs = append(wantIDs, f.Officers[who])
			}
			slices.Sort(wantIDs)
			if !slices.Equal(got, wantIDs) {
				t.Errorf("%s offers %v, want %v", item, got, want)
			}
		}
	}
	for _, c := range []call{
		{who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: 200,
			check: offered("a-exp", testapp.StationA, testapp.SDO, testapp.SP)},
		{who: testapp.SP, url: "/api/console/items/" + f.Items["a-complaint"], status: 200,
			check: offered("a-complaint", testapp.SDO, testapp.SP)},
		{who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: 200, before: withStatus("a-exp", schema.StatusActionTaken),
			check: offered("a-exp", testapp.SDO, testapp.SP)},
		{who: testapp.SP, url: "/api/console/items/" + f.Items["d-exp"], status: 200,
			check: offered("d-exp", testapp.SP)}, // st-d has no sub-division and no officer of its own
	} {
		c.name = "assignable"
		c.run(t, f)
	}
}
