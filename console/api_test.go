package console_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

const anonymous = ""

// call is one request to the console API as an officer, with the expected status; check,
// when given, reads the JSON answer and the app after the request.
type call struct {
	name   string
	who    string
	method string
	url    string
	body   string
	status int
	before func(t testing.TB, app *tests.TestApp)
	check  func(t testing.TB, app *tests.TestApp, body map[string]any)
}

func (c call) run(t *testing.T, f *testapp.Fixture) {
	t.Helper()
	s := &tests.ApiScenario{
		Name:            c.name + ": " + c.who + " " + c.method + " " + c.url,
		Method:          c.method,
		URL:             c.url,
		ExpectedStatus:  c.status,
		ExpectedContent: []string{"{"}, // JSON; the content is checked below
		TestAppFactory:  func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
		Headers:         map[string]string{},
	}
	if c.method == "" {
		s.Method = http.MethodGet
	}
	if c.who != anonymous {
		s.Headers["Authorization"] = f.Tokens[c.who]
	}
	if c.body != "" {
		s.Body = strings.NewReader(c.body)
		s.Headers["Content-Type"] = "application/json"
	}
	if c.before != nil {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { c.before(t, app) }
	}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		raw, _ := io.ReadAll(res.Body)
		body := map[string]any{}
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Fatalf("not JSON: %s", raw)
		}
		if res.StatusCode != c.status {
			t.Logf("answer: %s", raw)
		}
		if c.check != nil {
			c.check(t, app, body)
			return
		}
		// without a check of its own, the answer must still say what happened: a refusal
		// its status and a message, a success something
		if status, _ := body["status"].(float64); c.status >= 400 && (int(status) != c.status || body["message"] == "") {
			t.Errorf("refusal without its status and message: %s", raw)
		}
		if c.status < 400 && len(body) == 0 {
			t.Errorf("an empty answer: %s", raw)
		}
	}
	s.Test(t)
}

// ids lists the ids of a JSON list of objects, sorted.
func ids(list any) []string {
	out := []string{}
	all, _ := list.([]any)
	for _, it := range all {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	slices.Sort(out)
	return out
}

func items(f *testapp.Fixture, names ...string) []string {
	out := []string{}
	for _, n := range names {
		out = append(out, f.Items[n])
	}
	slices.Sort(out)
	return out
}

func TestInboxShowsEachRoleItsScope(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	for who, want := range map[string][]string{
		testapp.StationA: {"a-exp"}, // never the complaint or the tip about its own station
		testapp.StationB: {"b-exp"},
		testapp.SDO:      {"a-exp", "a-complaint", "a-tip", "b-exp"},
		testapp.SP:       {"a-exp", "a-complaint", "a-tip", "b-exp", "d-exp"},
		testapp.OtherSP:  {"c-exp"},
		testapp.IG:       {"a-exp", "a-complaint", "a-tip", "b-exp", "c-exp", "d-exp"},
	} {
		call{name: "inbox", who: who, url: "/api/console/items", status: http.StatusOK,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				if got := ids(body["items"]); !slices.Equal(got, items(f, want...)) {
					t.Errorf("lists %v, want %v", got, items(f, want...))
				}
				counts := body["counts"].(map[string]any)
				if n := counts["new"].(map[string]any)["n"].(float64); int(n) != len(want) {
					t.Errorf("counts %v new, want %d", n, len(want))
				}
				for _, it := range body["items"].([]any) {
					row := it.(map[string]any)
					_, hasTime := row["created"]
					if hasTime != (who != testapp.StationA && who != testapp.StationB) {
						t.Errorf("row shows the time of day %v to %s", row["created"], who)
					}
					if row["date"] == "" || row["station"].(map[string]any)["code"] == "" {
						t.Errorf("row lacks date or station: %v", row)
					}
				}
			}}.run(t, f)
	}
	call{name: "no login", url: "/api/console/items", status: http.StatusUnauthorized}.run(t, f)
	su := call{name: "superusers use the dashboard", who: testapp.Superuser, url: "/api/console/items", status: http.StatusForbidden}
	su.run(t, f)
}

func TestInboxFilters(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	today := time.Now().In(time.FixedZone("IST", 5*3600+1800)).Format(time.DateOnly)
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"station=" + f.Stations["st-b"], []string{"b-exp"}},
		{"kind=complaint", []string{"a-complaint"}},
		{"kind=tip&station=" + f.Stations["st-a"], []string{"a-tip"}},
		{"rating=2", []string{"a-exp"}},
		{"status=new&kind=experience", []string{"a-exp", "b-exp", "d-exp"}},
		{"status=closed", nil},
		{"status=open&station=" + f.Stations["st-d"], []string{"d-exp"}},
		{"q=COMMENT+d-exp", []string{"d-exp"}},
		{"q=comment+nothing", nil},
		{"from=" + today + "&to=" + today + "&kind=tip", []string{"a-tip"}},
		{"to=2001-01-01", nil},
		{"flag=urgent", nil},
		{"escalated=1", nil},
		{"overdue=1", nil},
		{"mine=1", nil},
	} {
		call{name: "filter " + c.query, who: testapp.SP, url: "/api/console/items?" + c.query, status: http.StatusOK,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				if got := ids(body["items"]); !slices.Equal(got, items(f, c.want...)) {
					t.Errorf("lists %v, want %v", got, items(f, c.want...))
				}
			}}.run(t, f)
	}
	for _, bad := range []string{"status=lost", "kind=praise", "flag=x", "rating=6", "from=24-11-2026", "limit=0", "after=nosuchitem"} {
		call{name: "bad filter", who: testapp.SP, url: "/api/console/items?" + bad, status: http.StatusBadRequest,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				field, _, _ := strings.Cut(bad, "=")
				if _, ok := body["data"].(map[string]any)[field]; !ok {
					t.Errorf("the error does not name %s: %v", field, body)
				}
			}}.run(t, f)
	}
	// A station officer's cursor is an item of its own: another station's is refused.
	call{name: "foreign cursor", who: testapp.StationA, url: "/api/console/items?after=" + f.Items["b-exp"], status: http.StatusBadRequest}.run(t, f)
}

func TestInboxPagesWithACursor(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	var seen []string
	next := ""
	for page := 0; page < 10; page++ {
		url := "/api/console/items?limit=2"
		if next != "" {
			url += "&after=" + next
		}
		next = ""
		call{name: "page", who: testapp.IG, url: url, status: http.StatusOK,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				seen = append(seen, ids(body["items"])...)
				next = body["next"].(string)
			}}.run(t, f)
		if next == "" {
			break
		}
	}
	slices.Sort(seen)
	if want := items(f, "a-exp", "a-complaint", "a-tip", "b-exp", "c-exp", "d-exp"); !slices.Equal(seen, want) {
		t.Errorf("pages hold %v, want each item once: %v", seen, want)
	}
}

func TestItemShowsWhatTheRoleMaySee(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	contactShown := func(want bool) func(t testing.TB, app *tests.TestApp, body map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := body["contact"] != nil; got != want {
				t.Errorf("contact shown %v, want %v: %v", got, want, body["contact"])
			}
			if len(body["thread"].([]any)) != 1 {
				t.Errorf("thread %v, want the fixture's reply", body["thread"])
			}
		}
	}
	for _, c := range []call{
		{who: testapp.StationA, url: "a-exp", status: http.StatusOK, check: contactShown(false)},
		{who: testapp.StationA, url: "a-complaint", status: http.StatusNotFound},
		{who: testapp.StationA, url: "a-tip", status: http.StatusNotFound},
		{who: testapp.StationA, url: "b-exp", status: http.StatusNotFound},
		{who: testapp.StationB, url: "a-exp", status: http.StatusNotFound},
		{who: testapp.SDO, url: "a-exp", status: http.StatusOK, check: contactShown(true)},
		{who: testapp.SDO, url: "d-exp", status: http.StatusNotFound},
		{who: testapp.SP, url: "a-exp", status: http.StatusOK, check: contactShown(true)},
		{who: testapp.OtherSP, url: "a-exp", status: http.StatusNotFound},
		{who: testapp.OtherSP, url: "c-exp", status: http.StatusOK, check: contactShown(true)},
		{who: testapp.IG, url: "a-exp", status: http.StatusOK, check: contactShown(false)},
		{who: anonymous, url: "a-exp", status: http.StatusUnauthorized},
	} {
		c.name = "item " + c.url
		c.url = "/api/console/items/" + f.Items[c.url]
		c.run(t, f)
	}
}

func TestItemLabelsItsAnswersInTheOfficersLanguage(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	answered := func(t testing.TB, app *tests.TestApp) {
		item, err := app.FindRecordById(schema.Feedback, f.Items["a-exp"])
		if err != nil {
			t.Fatal(err)
		}
		item.Set("answers", map[string]any{"purpose": "verification", "staff_helped": "no", "behaviour": 2})
		if err := app.Save(item); err != nil {
			t.Fatal(err)
		}
	}
	for lang, want := range map[string][]string{
		"en": {"Why did you go to the police station?", "For verification", "Did the staff help you?", "No", "2 / 5"},
		"hi": {"आप थाने किस काम से गए थे?", "सत्यापन के लिए", "नहीं"},
	} {
		call{name: "answers " + lang, who: testapp.SP, url: "/api/console/items/" + f.Items["a-exp"], status: http.StatusOK,
			before: func(t testing.TB, app *tests.TestApp) {
				answered(t, app)
				sp, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
				sp.Set("lang", lang)
				if err := app.Save(sp); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				raw, _ := json.Marshal(body["answers"])
				for _, w := range want {
					if !strings.Contains(string(raw), w) {
						t.Errorf("answers %s lack %q", raw, w)
					}
				}
			}}.run(t, f)
	}
}

// after checks an item and its newest follow-up after an action.
func after(f *testapp.Fixture, item, status, action string, public bool) func(t testing.TB, app *tests.TestApp, body map[string]any) {
	return func(t testing.TB, app *tests.TestApp, body map[string]any) {
		rec, err := app.FindRecordById(schema.Feedback, f.Items[item])
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.GetString("status"); got != status {
			t.Errorf("status %s, want %s", got, status)
		}
		closed := status == schema.StatusClosed || status == schema.StatusSpam
		if rec.GetDateTime("closed_at").IsZero() == closed {
			t.Errorf("closed_at %v for status %s", rec.GetString("closed_at"), status)
		}
		fu, err := app.FindRecordsByFilter(schema.Followups, "feedback = {:id}", "-created", 1, 0, map[string]any{"id": rec.Id})
		if err != nil || len(fu) != 1 {
			t.Fatalf("no follow-up: %v", err)
		}
		if fu[0].GetString("action") != action || fu[0].GetBool("public") != public || fu[0].GetString("author") == "" {
			t.Errorf("follow-up %v, want action %s public %v with an author", fu[0].PublicExport(), action, public)
		}
		if body["status"] != status {
			t.Errorf("the answer shows status %v, want %s", body["status"], status)
		}
	}
}

func TestActionsByRole(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	act := func(who, item, body string, status int, check func(testing.TB, *tests.TestApp, map[string]any)) call {
		return call{name: "act " + item + " " + body, who: who, method: http.MethodPost,
			url: "/api/console/items/" + f.Items[item] + "/actions", body: body, status: status, check: check}
	}
	closeIt := func(t testing.TB, app *tests.TestApp) {
		rec, _ := app.FindRecordById(schema.Feedback, f.Items["a-exp"])
		rec.Set("status", schema.StatusClosed)
		rec.Set("closed_at", types.NowDateTime())
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	cases := []call{
		// the station in-charge: notes and action taken on its own experience items only
		act(testapp.StationA, "a-exp", `{"action":"note","body":"Spoke to the munshi"}`, 200, after(f, "a-exp", "new", "note", false)),
		act(testapp.StationA, "a-exp", `{"action":"action_taken","body":"Munshi warned"}`, 200, after(f, "a-exp", "action_taken", "action_taken", false)),
		act(testapp.StationA, "a-exp", `{"action":"reply","body":"Sorry"}`, 403, nil),
		act(testapp.StationA, "a-exp", `{"action":"review"}`, 403, nil),
		act(testapp.StationA, "a-exp", `{"action":"close","body":"done"}`, 403, nil),
		act(testapp.StationA, "a-exp", `{"action":"spam"}`, 403, nil),
		act(testapp.StationA, "a-exp", `{"action":"assign","officer":"`+f.Officers[testapp.StationA]+`"}`, 403, nil),
		act(testapp.StationA, "a-complaint", `{"action":"note","body":"x"}`, 404, nil),
		act(testapp.StationA, "b-exp", `{"action":"note","body":"x"}`, 404, nil),
		// the sub-division and the district
		act(testapp.SDO, "a-complaint", `{"action":"review"}`, 200, after(f, "a-complaint", "in_review", "review", false)),
		act(testapp.SDO, "a-exp", `{"action":"reply","body":"We are sorry; the munshi was warned."}`, 200, after(f, "a-exp", "in_review", "reply", true)),
		act(testapp.SDO, "a-exp", `{"action":"instruction","body":"Call the citizen"}`, 200, after(f, "a-exp", "in_review", "instruction", false)),
		act(testapp.SDO, "d-exp", `{"action":"note","body":"x"}`, 404, nil),
		act(testapp.SP, "a-exp", `{"action":"close"}`, 400, nil),
		act(testapp.SP, "a-exp", `{"action":"close","body":"Resolved on the phone"}`, 200, after(f, "a-exp", "closed", "close", false)),
		act(testapp.SP, "a-tip", `{"action":"spam"}`, 200, after(f, "a-tip", "spam", "spam", false)),
		act(testapp.SP, "a-exp", `{"action":"assign","officer":"`+f.Officers[testapp.StationA]+`"}`, 200,
			func(t testing.TB, app *tests.TestApp, body map[string]any) {
				after(f, "a-exp", "in_review", "assign", false)(t, app, body)
				if body["assigned_to"] != f.Officers[testapp.StationA] {
					t.Errorf("assigned to %v", body["assigned_to"])
				}
			}),
		act(testapp.SP, "a-complaint", `{"action":"assign","officer":"`+f.Officers[testapp.StationA]+`"}`, 400, nil), // never to the station it concerns
		act(testapp.SP, "a-exp", `{"action":"assign","officer":"`+f.Officers[testapp.OtherSP]+`"}`, 400, nil),
		act(testapp.SP, "a-exp", `{"action":"assign"}`, 400, nil),
		act(testapp.SP, "a-exp", `{"action":"reopen","body":"x"}`, 409, nil),
		act(testapp.SP, "a-exp", `{"action":"destroy"}`, 400, nil),
		act(testapp.SP, "c-exp", `{"action":"note","body":"x"}`, 404, nil),
		act(testapp.OtherSP, "a-exp", `{"action":"note","body":"x"}`, 404, nil),
		// the range watches and instructs
		act(testapp.IG, "c-exp", `{"action":"instruction","body":"Report by Monday"}`, 200, after(f, "c-exp", "in_review", "instruction", false)),
		act(testapp.IG, "c-exp", `{"action":"note","body":"Seen"}`, 200, after(f, "c-exp", "new", "note", false)),
		act(testapp.IG, "c-exp", `{"action":"spam"}`, 403, nil),
		act(testapp.IG, "c-exp", `{"action":"reply","body":"x"}`, 403, nil),
		act(anonymous, "a-exp", `{"action":"note","body":"x"}`, 401, nil),
	}
	reopen := act(testapp.SP, "a-exp", `{"action":"reopen","body":"The citizen called again"}`, 200, after(f, "a-exp", "in_review", "reopen", false))
	reopen.before = closeIt
	noteOnClosed := act(testapp.SDO, "a-exp", `{"action":"note","body":"For the record"}`, 200, after(f, "a-exp", "closed", "note", false))
	noteOnClosed.before = closeIt
	closeClosed := act(testapp.SP, "a-exp", `{"action":"close","body":"again"}`, 409, nil)
	closeClosed.before = closeIt
	for _, c := range append(cases, reopen, noteOnClosed, closeClosed) {
		c.run(t, f)
	}
}

func TestTheThreadIsWrittenOnlyThroughTheConsole(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	post := func(who, body string) call {
		return call{name: "record API", who: who, method: http.MethodPost, url: "/api/collections/followups/records", body: body, status: 403}
	}
	item, author := f.Items["a-exp"], f.Officers[testapp.StationA]
	for _, c := range []call{
		// one door: not even a private note goes through the record API
		post(testapp.StationA, `{"feedback":"`+item+`","author":"`+author+`","kind":"note","body":"ok"}`),
		post(testapp.StationA, `{"feedback":"`+item+`","author":"`+author+`","kind":"reply","body":"x","public":true}`),
		post(testapp.StationA, `{"feedback":"`+item+`","author":"`+author+`","kind":"status","from_status":"new","to_status":"closed"}`),
		{name: "edit", who: testapp.SP, method: http.MethodPatch, url: "/api/collections/followups/records/" + f.Replies["a-exp"], body: `{"body":"changed"}`, status: 403},
		{name: "delete", who: testapp.SP, method: http.MethodDelete, url: "/api/collections/followups/records/" + f.Replies["a-exp"], status: 403},
	} {
		c.run(t, f)
	}
}

// aged moves items' arrival into the past, by days.
func aged(f *testapp.Fixture, days map[string]float64) func(t testing.TB, app *tests.TestApp) {
	return func(t testing.TB, app *tests.TestApp) {
		for name, d := range days {
			rec, err := app.FindRecordById(schema.Feedback, f.Items[name])
			if err != nil {
				t.Fatal(err)
			}
			created, _ := types.ParseDateTime(time.Now().Add(-time.Duration(d * float64(24*time.Hour))))
			rec.SetRaw("created", created)
			if err := app.Save(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestOverdueItemsEscalate(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	// action days are 7: a-exp is 3 days old (overdue for review), a-complaint 8 (escalated
	// to the sub-division), b-exp 15 (to the district); d-exp's station has no sub-division,
	// so at 8 days it reached the district. b-exp is rated 3 here: as 5★ praise it needs no
	// action (TestPraiseIsNeverOverdue).
	ages := func(t testing.TB, app *tests.TestApp) {
		aged(f, map[string]float64{"a-exp": 3, "a-complaint": 8, "b-exp": 15, "d-exp": 8})(t, app)
		rated(t, app, f.Items["b-exp"], 3)
	}
	for _, c := range []struct {
		who, query string
		want       []string
	}{
		{testapp.SDO, "escalated=1", []string{"a-complaint", "b-exp"}},
		{testapp.SP, "escalated=1", []string{"b-exp", "d-exp"}},
		{testapp.IG, "escalated=1", []string{"b-exp", "d-exp"}},
		{testapp.StationA, "escalated=1", nil},
		{testapp.SP, "overdue=1", []string{"a-exp", "a-complaint", "b-exp", "d-exp"}},
		{testapp.StationB, "overdue=1", []string{"b-exp"}},
	} {
		call{name: "deadlines " + c.query, who: c.who, url: "/api/console/items?" + c.query, status: http.StatusOK, before: ages,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				if got := ids(body["items"]); !slices.Equal(got, items(f, c.want...)) {
					t.Errorf("lists %v, want %v", got, items(f, c.want...))
				}
				for _, it := range body["items"].([]any) {
					row := it.(map[string]any)
					if row["overdue_review"] != true {
						t.Errorf("row %v not marked overdue", row["id"])
					}
					if c.query == "escalated=1" && row["escalated"] != true {
						t.Errorf("row %v not marked escalated", row["id"])
					}
				}
				attention := body["attention"].(map[string]any)
				if c.query == "escalated=1" && int(attention["escalated"].(map[string]any)["n"].(float64)) != len(c.want) {
					t.Errorf("escalated count %v, want %d", attention["escalated"], len(c.want))
				}
			}}.run(t, f)
	}
	// Taking action ends the escalation.
	acted := func(t testing.TB, app *tests.TestApp) {
		ages(t, app)
		rec, _ := app.FindRecordById(schema.Feedback, f.Items["b-exp"])
		rec.Set("status", schema.StatusActionTaken)
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	call{name: "acted", who: testapp.SP, url: "/api/console/items?escalated=1", status: http.StatusOK, before: acted,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := ids(body["items"]); !slices.Equal(got, items(f, "d-exp")) {
				t.Errorf("lists %v after action on b-exp", got)
			}
		}}.run(t, f)
}

func TestUrgentOpenItemsArePinned(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	urgent := func(t testing.TB, app *tests.TestApp) {
		for _, name := range []string{"a-complaint", "b-exp"} {
			rec, _ := app.FindRecordById(schema.Feedback, f.Items[name])
			rec.Set("flags", []string{schema.FlagUrgent})
			if name == "b-exp" {
				rec.Set("status", schema.StatusClosed)
			}
			if err := app.Save(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	call{name: "pinned", who: testapp.SP, url: "/api/console/items", status: http.StatusOK, before: urgent,
		check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if got := ids(body["pinned"]); !slices.Equal(got, items(f, "a-complaint")) {
				t.Errorf("pinned %v, want the open urgent complaint", got)
			}
			if n := body["attention"].(map[string]any)["urgent"].(map[string]any)["n"]; n != 1.0 {
				t.Errorf("urgent count %v", n)
			}
		}}.run(t, f)
}

func TestMeDescribesTheOfficer(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	for who, want := range map[string]struct {
		stations          int
		contacts, setting bool
	}{
		testapp.StationA: {1, false, false},
		testapp.SDO:      {3, true, false},
		testapp.SP:       {4, true, true},
		testapp.IG:       {5, false, true}, // the settings of its districts
	} {
		call{name: "me", who: who, url: "/api/console/me", status: 200, check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
			if n := len(body["stations"].([]any)); n != want.stations {
				t.Errorf("%d stations, want %d", n, want.stations)
			}
			if body["sees"].(map[string]any)["contacts"] != want.contacts || body["may"].(map[string]any)["settings"] != want.setting {
				t.Errorf("sees %v may %v", body["sees"], body["may"])
			}
		}}.run(t, f)
	}
}

func TestOfficersEnterItemsFromOtherChannels(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	experience := `"kind":"experience","rating":4,"lang":"hi","answers":{"purpose":"application","staff_available":"yes","staff_helped":"yes","behaviour":"4","problem_solved":"partly"}`
	complaint := `"kind":"complaint","comment":"Thana staff asked for money","lang":"hi","answers":{"purpose":"fir","complaint_about":"bribe"},"name":"Sita","mobile":"9812345678","consent":true`
	enter := func(who, body string, status int, check func(testing.TB, *tests.TestApp, map[string]any)) call {
		return call{name: "enter", who: who, method: http.MethodPost, url: "/api/console/items", body: "{" + body + "}", status: status, check: check}
	}
	stored := func(who, channel, kind string) func(testing.TB, *tests.TestApp, map[string]any) {
		return func(t testing.TB, app *tests.TestApp, body map[string]any) {
			receipt, _ := body["receipt"].(string)
			if len(receipt) != 19 {
				t.Fatalf("receipt %q", receipt)
			}
			items, err := app.FindRecordsByFilter(schema.Feedback, "entered_by = {:o}", "", 0, 0, map[string]any{"o": f.Officers[who]})
			if err != nil || len(items) != 1 {
				t.Fatalf("%d items entered by %s: %v", len(items), who, err)
			}
			if items[0].GetString("channel") != channel || items[0].GetString("kind") != kind || items[0].GetString("status") != schema.StatusNew {
				t.Errorf("stored %v", items[0].PublicExport())
			}
		}
	}
	for _, c := range []call{
		enter(testapp.SP, `"station":"st-a","channel":"phone",`+complaint, 200, stored(testapp.SP, "phone", schema.KindComplaint)),
		enter(testapp.StationA, `"station":"st-a","channel":"walkin",`+experience, 200, stored(testapp.StationA, "walkin", schema.KindExperience)),
		enter(testapp.IG, `"station":"st-c","channel":"whatsapp",`+experience, 200, stored(testapp.IG, "whatsapp", schema.KindExperience)),
		enter(testapp.StationA, `"station":"st-a","channel":"phone",`+complaint, 403, nil), // never through the station it concerns
		enter(testapp.StationA, `"station":"st-b","channel":"phone",`+experience, 404, nil),
		enter(testapp.SP, `"station":"st-c","channel":"phone",`+experience, 404, nil),
		enter(testapp.SP, `"station":"st-a","channel":"qr",`+experience, 400, nil),
		enter(testapp.SP, `"station":"st-a","channel":"phone","kind":"experience","rating":9,"mobile":"12"`, 400,
			func(t testing.TB, app *tests.TestApp, body map[string]any) {
				data := body["data"].(map[string]any)
				for _, field := range []string{"rating", "answers.purpose", "mobile"} {
					if msg, _ := data[field].(map[string]any)["message"].(string); msg == "" {
						t.Errorf("no message for %s: %v", field, data)
					}
				}
			}),
		enter(anonymous, `"station":"st-a","channel":"phone",`+experience, 401, nil),
	} {
		c.run(t, f)
	}
}
