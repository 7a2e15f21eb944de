package console_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// Point 3: the district shares a tip-off's text, never its contact, with a station that must
// act on it (here st-b, not the st-a whose poster was scanned); the station reads the text
// alone and answers into the tip's thread. Nobody shares a complaint, and no other station
// reads or answers the share.
func TestTheDistrictSharesATipWithAStation(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	const text = "Liquor sold behind the old market after 9 pm"
	share := func(name, who, station string, status int) call {
		return call{name: "share " + name, who: who, method: http.MethodPost, url: "/api/console/items/" + f.Items[name] + "/actions",
			body: `{"action":"share","body":"` + text + `","station":"` + f.Stations[station] + `"}`, status: status}
	}
	shared := func(t testing.TB, app *tests.TestApp) {
		sp, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
		tip, _ := app.FindRecordById(schema.Feedback, f.Items["a-tip"])
		shareAs(t, app, sp.Id, tip.Id, f.Stations["st-b"], text)
	}
	share("a-tip", testapp.SDO, "st-b", http.StatusForbidden).run(t, f)      // the district decides
	share("a-complaint", testapp.SP, "st-b", http.StatusForbidden).run(t, f) // never a complaint
	share("a-tip", testapp.SP, "st-c", http.StatusBadRequest).run(t, f)      // another district's station
	c := share("a-tip", testapp.SP, "st-b", http.StatusOK)
	c.check = func(t testing.TB, app *tests.TestApp, body map[string]any) {
		n, _ := app.CountRecords(schema.Followups, dbx.HashExp{"feedback": f.Items["a-tip"], "action": schema.ActionShare, "station": f.Stations["st-b"]})
		if n != 1 {
			t.Errorf("%d shares recorded", n)
		}
	}
	c.run(t, f)
	call{name: "st-b reads it", who: testapp.StationB, url: "/api/console/shared", status: http.StatusOK, before: shared,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			items := body["items"].([]any)
			if len(items) != 1 || items[0].(map[string]any)["body"] != text {
				t.Fatalf("st-b reads %v", items)
			}
			raw := strings.Join(strs(mapsValues(items[0].(map[string]any))), " ")
			if strings.Contains(raw, "9876543210") || strings.Contains(raw, f.Items["a-tip"]) || strings.Contains(raw, ":") {
				t.Errorf("the share tells more than its text and date: %v", items[0])
			}
		}}.run(t, f)
	call{name: "st-a reads nothing", who: testapp.StationA, url: "/api/console/shared", status: http.StatusOK, before: shared,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if items := body["items"].([]any); len(items) != 0 {
				t.Errorf("st-a reads %v", items)
			}
		}}.run(t, f)
	answer := func(who string, status int) call {
		return call{name: "answer", who: who, method: http.MethodPost, url: "/api/console/shared/share0000tip001/answer",
			body: `{"body":"Raided; two cases registered"}`, status: status, before: shared}
	}
	answer(testapp.StationA, http.StatusNotFound).run(t, f)
	answer(testapp.SP, http.StatusNotFound).run(t, f)
	a := answer(testapp.StationB, http.StatusOK)
	a.check = func(t testing.TB, app *tests.TestApp, body map[string]any) {
		if items := body["items"].([]any); items[0].(map[string]any)["answer"] != "Raided; two cases registered" {
			t.Errorf("after answering: %v", items)
		}
		n, _ := app.CountRecords(schema.Followups, dbx.HashExp{"feedback": f.Items["a-tip"], "ref": "share0000tip001", "author": f.Officers[testapp.StationB]})
		if n != 1 {
			t.Errorf("the answer is not in the tip's thread")
		}
	}
	a.run(t, f)
}

// shareAs records a share as the console does, with a known id.
func shareAs(t testing.TB, app *tests.TestApp, author, item, station, text string) {
	t.Helper()
	if _, err := app.DB().Insert(schema.Followups, dbx.Params{"id": "share0000tip001", "feedback": item, "author": author,
		"kind": schema.FollowupInstruction, "action": schema.ActionShare, "body": text, "station": station,
		"created": "2026-01-01 10:00:00.000Z"}).Execute(); err != nil {
		t.Fatal(err)
	}
}

func mapsValues(m map[string]any) []any {
	out := []any{}
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
