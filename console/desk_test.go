package console_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/console"
	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// rated gives an item a rating.
func rated(t testing.TB, app *tests.TestApp, id string, rating int) {
	t.Helper()
	if _, err := app.DB().Update(schema.Feedback, dbx.Params{"rating": rating}, dbx.HashExp{"id": id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// attention is the inbox's count of what needs attention by name.
func attention(body map[string]any, name string) float64 {
	return body["attention"].(map[string]any)[name].(map[string]any)["n"].(float64)
}

// Issue 13, point 1: the pinned urgent items are named with their station for every role
// above the station.
func TestPinnedItemsCarryTheirStation(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	urgent := func(t testing.TB, app *tests.TestApp) {
		if _, err := app.DB().Update(schema.Feedback, dbx.Params{"flags": `["urgent"]`}, dbx.HashExp{"id": f.Items["a-complaint"]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []string{testapp.SP, testapp.SDO, testapp.IG} {
		call{name: "pinned station", who: who, url: "/api/console/items", status: http.StatusOK, before: urgent,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				pinned := body["pinned"].([]any)
				if len(pinned) != 1 {
					t.Fatalf("pinned %v", pinned)
				}
				station := pinned[0].(map[string]any)["station"].(map[string]any)
				if station["code"] == "" || station["name"] == "" {
					t.Errorf("a pinned item without its station: %v", station)
				}
			}}.run(t, f)
	}
}

// Point 2: 5★ praise, however old, is neither overdue nor escalated; it is acknowledged in
// bulk, one follow-up per item; the inbox counts no praise as needing action.
func TestPraiseIsNeverOverdueAndAcknowledgedInBulk(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	old := aged(f, map[string]float64{"b-exp": 30, "a-exp": 30})
	for _, who := range []string{testapp.SP, testapp.StationB} {
		call{name: "praise", who: who, url: "/api/console/items?station=" + f.Stations["st-b"], status: http.StatusOK, before: old,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				row := body["items"].([]any)[0].(map[string]any)
				if row["praise"] != true || row["overdue_action"] != false || row["overdue_review"] != false || row["escalated"] != false {
					t.Errorf("5★ praise of 30 days: %v", row)
				}
			}}.run(t, f)
	}
	call{name: "overdue", who: testapp.SP, url: "/api/console/items?overdue=1", status: http.StatusOK, before: old,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := ids(body["items"]); slices.Contains(got, f.Items["b-exp"]) || !slices.Contains(got, f.Items["a-exp"]) {
				t.Errorf("overdue lists %v: the 2★ a-exp, never the 5★ b-exp", got)
			}
		}}.run(t, f)
	// b-exp is praise, a-exp (2★) is not: only the praise is acknowledged
	body := `{"action":"acknowledge","ids":["` + f.Items["b-exp"] + `","` + f.Items["a-exp"] + `","nosuchitem12345"]}`
	call{name: "acknowledge", who: testapp.SP, method: http.MethodPost, url: "/api/console/bulk", body: body, status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, res map[string]any) {
			skipped := res["skipped"].(map[string]any)
			if res["done"] != 1.0 || skipped["forbidden"] != 1.0 || skipped["not_found"] != 1.0 {
				t.Errorf("bulk answer %v", res)
			}
			b, _ := app.FindRecordById(schema.Feedback, f.Items["b-exp"])
			a, _ := app.FindRecordById(schema.Feedback, f.Items["a-exp"])
			if b.GetString("status") != schema.StatusClosed || a.GetString("status") == schema.StatusClosed {
				t.Errorf("statuses after acknowledging: b-exp %s, a-exp %s", b.GetString("status"), a.GetString("status"))
			}
			n, _ := app.CountRecords(schema.Followups, dbx.HashExp{"feedback": f.Items["b-exp"], "action": schema.ActionAcknowledge})
			if n != 1 {
				t.Errorf("%d acknowledge follow-ups on b-exp, want 1", n)
			}
		}}.run(t, f)
	// close with one reason: one follow-up per item, each with the reason
	closeBoth := `{"action":"close","body":"Resolved on the phone","ids":["` + f.Items["a-exp"] + `","` + f.Items["a-complaint"] + `"]}`
	call{name: "close in bulk", who: testapp.SDO, method: http.MethodPost, url: "/api/console/bulk", body: closeBoth, status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, res map[string]any) {
			if res["done"] != 2.0 {
				t.Errorf("bulk answer %v", res)
			}
			n, _ := app.CountRecords(schema.Followups, dbx.HashExp{"action": schema.ActionClose, "body": "Resolved on the phone"})
			if n != 2 {
				t.Errorf("%d close follow-ups, want 2", n)
			}
		}}.run(t, f)
	call{name: "close without reason", who: testapp.SDO, method: http.MethodPost, url: "/api/console/bulk",
		body: `{"action":"close","ids":["` + f.Items["a-exp"] + `"]}`, status: http.StatusBadRequest}.run(t, f)
	call{name: "no bulk note", who: testapp.SDO, method: http.MethodPost, url: "/api/console/bulk",
		body: `{"action":"reply","body":"x","ids":["` + f.Items["a-exp"] + `"]}`, status: http.StatusBadRequest}.run(t, f)
}

// Point 3: an instruction goes to the station's in-charge, so it is offered, and taken, only
// on an experience item; a complaint about a station never reaches it this way either.
func TestNoInstructionOnComplaintsOrTips(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	for _, name := range []string{"a-complaint", "a-tip"} {
		call{name: "actions " + name, who: testapp.SP, url: "/api/console/items/" + f.Items[name], status: http.StatusOK,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				if acts := strs(body["actions"]); slices.Contains(acts, schema.ActionInstruction) || !slices.Contains(acts, schema.ActionAssign) {
					t.Errorf("actions on a %s: %v", name, acts)
				}
			}}.run(t, f)
		call{name: "instruct " + name, who: testapp.SP, method: http.MethodPost, url: "/api/console/items/" + f.Items[name] + "/actions",
			body: `{"action":"instruction","body":"Act on it"}`, status: http.StatusForbidden}.run(t, f)
	}
	call{name: "actions a-exp", who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if !slices.Contains(strs(body["actions"]), schema.ActionInstruction) {
				t.Errorf("no instruction on an experience item: %v", body["actions"])
			}
		}}.run(t, f)
	call{name: "station never", who: testapp.StationA, url: "/api/console/items?instructed=1", status: http.StatusOK,
		before: func(t testing.TB, app *tests.TestApp) {
			instructAll(t, app, f, "a-complaint", "a-exp")
		},
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := ids(body["items"]); !slices.Equal(got, items(f, "a-exp")) {
				t.Errorf("the station's instructed items %v, want a-exp only", got)
			}
		}}.run(t, f)
}

// instructAll records an instruction on items, as an older console could on any kind.
func instructAll(t testing.TB, app *tests.TestApp, f *testapp.Fixture, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := app.DB().Insert(schema.Followups, dbx.Params{"id": "ins" + f.Items[name][:12], "feedback": f.Items[name],
			"author": f.Officers[testapp.SP], "kind": schema.FollowupInstruction, "action": schema.ActionInstruction, "body": "Call the citizen",
			"created": "2026-01-01 10:00:00.000Z"}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
}

// Point 9: the station's in-charge has a count and a pin for what waits for its answer.
func TestStationSeesWhatAwaitsItsAnswer(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	call{name: "awaiting answer", who: testapp.StationA, url: "/api/console/items", status: http.StatusOK,
		before: func(t testing.TB, app *tests.TestApp) { instructAll(t, app, f, "a-exp") },
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if n := attention(body, "instructed"); n != 1 {
				t.Errorf("awaiting-answer count %v, want 1", n)
			}
			if got := ids(body["pinned"]); !slices.Equal(got, items(f, "a-exp")) {
				t.Errorf("pinned %v, want the instructed a-exp", got)
			}
		}}.run(t, f)
	call{name: "nothing awaits", who: testapp.StationA, url: "/api/console/items", status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if n := attention(body, "instructed"); n != 0 {
				t.Errorf("awaiting-answer count %v, want 0", n)
			}
		}}.run(t, f)
}

// Point 10: a caller's receipt or an item's reference finds the item within the scope, and
// any other answers alike; rows carry the reference and the assignee's name.
func TestLookupByReceiptOrReference(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	const number = "1234-5678-9012-3456"
	withReceipt := func(t testing.TB, app *tests.TestApp) {
		hash, err := receipt.Hash(app, "1234567890123456")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.DB().Update(schema.Feedback, dbx.Params{"receipt_hash": hash}, dbx.HashExp{"id": f.Items["a-complaint"]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	found := func(name string) func(t testing.TB, app *tests.TestApp, body map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if body["id"] != f.Items[name] {
				t.Errorf("found %v, want %s", body, name)
			}
		}
	}
	lookup := func(who, q string) call {
		return call{name: "lookup", who: who, method: http.MethodPost, url: "/api/console/lookup", body: `{"q":"` + q + `"}`, before: withReceipt}
	}
	for _, who := range []string{testapp.SDO, testapp.SP, testapp.IG} {
		c := lookup(who, number)
		c.status, c.check = http.StatusOK, found("a-complaint")
		c.run(t, f)
	}
	ref := console.Ref(f.Items["a-exp"])
	c := lookup(testapp.StationA, ref)
	c.status, c.check = http.StatusOK, found("a-exp")
	c.run(t, f)
	var answers []string
	for _, c := range []call{
		lookup(testapp.StationA, number), // a complaint about its own station
		lookup(testapp.OtherSP, number),
		lookup(testapp.OtherSP, ref),
		lookup(testapp.SP, "9999-9999-9999-9999"),
		lookup(testapp.SP, "ZZZZ-ZZZZ"),
	} {
		c.status = http.StatusNotFound
		c.check = func(t testing.TB, app *tests.TestApp, body map[string]any) {
			answers = append(answers, body["message"].(string))
		}
		c.run(t, f)
	}
	if len(slices.Compact(slices.Clone(answers))) != 1 {
		t.Errorf("out of scope and absent answer differently: %q", answers)
	}
	assigned := func(t testing.TB, app *tests.TestApp) {
		if _, err := app.DB().Update(schema.Feedback, dbx.Params{"assigned_to": f.Officers[testapp.SDO]}, dbx.HashExp{"id": f.Items["a-exp"]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	call{name: "reference", who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: http.StatusOK, before: assigned,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			sdo, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SDO])
			if body["ref"] != ref || len(ref) != 9 || body["assigned_name"] == "" || body["assigned_name"].(string)[:len(sdo.GetString("name"))] != sdo.GetString("name") {
				t.Errorf("ref %v, assignee %v", body["ref"], body["assigned_name"])
			}
		}}.run(t, f)
}

// Canned public replies: the district's, in the item's language, offered with the reply to
// whoever may reply; editable in Settings like any list, refused when a reply spans lines.
func TestCannedReplies(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	call{name: "offered", who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			replies := strs(body["replies"])
			if len(replies) != 3 || !strings.Contains(replies[0], "धन्यवाद") { // a-exp is in Hindi
				t.Errorf("replies %q", replies)
			}
		}}.run(t, f)
	call{name: "not to the station", who: testapp.StationA, url: "/api/console/items/" + f.Items["a-exp"], status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if len(strs(body["replies"])) != 0 {
				t.Errorf("a station, which may not reply, is offered %v", body["replies"])
			}
		}}.run(t, f)
	call{name: "edited", who: testapp.SP, method: http.MethodPatch, url: "/api/console/settings",
		body: `{"replies_hi":["धन्यवाद, हम देख रहे हैं।"]}`, status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := strs(body["values"].(map[string]any)["replies_hi"]); len(got) != 1 || got[0] != "धन्यवाद, हम देख रहे हैं।" {
				t.Errorf("saved %v", got)
			}
		}}.run(t, f)
	call{name: "one line each", who: testapp.SP, method: http.MethodPatch, url: "/api/console/settings",
		body: `{"replies":["two\nlines"]}`, status: http.StatusBadRequest}.run(t, f)
}

// Bulk assign: each item to the officer if they can act on it; a station's in-charge never
// gets a complaint about its station, so that item is skipped, not the whole action.
func TestBulkAssign(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	both := `"ids":["` + f.Items["a-exp"] + `","` + f.Items["a-complaint"] + `"]`
	call{name: "to the sub-division", who: testapp.SP, method: http.MethodPost, url: "/api/console/bulk",
		body: `{"action":"assign","officer":"` + f.Officers[testapp.SDO] + `",` + both + `}`, status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, res map[string]any) {
			n, _ := app.CountRecords(schema.Feedback, dbx.HashExp{"assigned_to": f.Officers[testapp.SDO]})
			if res["done"] != 2.0 || n != 2 {
				t.Errorf("bulk answer %v, %d assigned", res, n)
			}
		}}.run(t, f)
	call{name: "to the station", who: testapp.SP, method: http.MethodPost, url: "/api/console/bulk",
		body: `{"action":"assign","officer":"` + f.Officers[testapp.StationA] + `",` + both + `}`, status: http.StatusOK,
		check: func(t testing.TB, app *tests.TestApp, res map[string]any) {
			c, _ := app.FindRecordById(schema.Feedback, f.Items["a-complaint"])
			if res["done"] != 1.0 || res["skipped"].(map[string]any)["officer"] != 1.0 || c.GetString("assigned_to") != "" {
				t.Errorf("bulk answer %v; the complaint is assigned to %q", res, c.GetString("assigned_to"))
			}
		}}.run(t, f)
}
