package console_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
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

// A station never learns the time of day of an item, not even from the order of its list:
// its inbox is ordered by date and, within a day, by id (random), and its pages continue in
// that order; a supervisor's is newest first.
func TestAStationsListIsOrderedByDateNotTime(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	ist, _ := time.LoadLocation("Asia/Kolkata")
	// a dozen experience items of st-a over two days, at hours unrelated to their ids
	col, err := app.FindCollectionByNameOrId(schema.Feedback)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		rec := core.NewRecord(col)
		rec.Load(map[string]any{"station": f.Stations["st-a"], "kind": schema.KindExperience, "rating": 3,
			"channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew, "comment": fmt.Sprint("item ", i)})
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
		created, _ := types.ParseDateTime(time.Date(2026, 11, 2+i%2, (i*7)%24, i, 0, 0, ist))
		rec.SetRaw("created", created)
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	srv := testapp.Serve(t, app)
	type row struct{ id, date, created string }
	get := func(who string, q url.Values) ([]row, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/console/items?"+q.Encode(), nil)
		req.Header.Set("Authorization", f.Tokens[who])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body struct {
			Items []struct{ ID, Date, Created string }
			Next  string
		}
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%s %v: %d %v", who, q, res.StatusCode, err)
		}
		var out []row
		for _, it := range body.Items {
			out = append(out, row{it.ID, it.Date, it.Created})
		}
		return out, body.Next
	}
	november := url.Values{"from": {"2026-11-01"}, "to": {"2026-11-30"}}
	var pages [][]row
	for next := "-"; next != "" && len(pages) < 5; {
		q := url.Values{"from": november["from"], "to": november["to"], "limit": {"5"}}
		if next != "-" {
			q.Set("after", next)
		}
		var page []row
		page, next = get(testapp.StationA, q)
		pages = append(pages, page)
	}
	var all []row
	for _, p := range pages {
		all = append(all, p...)
	}
	if len(all) != 12 {
		t.Fatalf("%d items over %d pages, want 12", len(all), len(pages))
	}
	for i, r := range all {
		if r.created != "" {
			t.Fatalf("a station's row shows the time %q", r.created)
		}
		if i > 0 {
			prev := all[i-1]
			if prev.date < r.date || (prev.date == r.date && prev.id < r.id) {
				t.Fatalf("row %d (%s %s) after (%s %s): not by date, then id", i, r.date, r.id, prev.date, prev.id)
			}
		}
	}
	// a supervisor sees the same items newest first, by time
	rows, _ := get(testapp.SDO, november)
	if len(rows) != 12 || !slices.IsSortedFunc(rows, func(a, b row) int { return strings.Compare(b.created, a.created) }) {
		t.Errorf("supervisor's list is not newest first: %v", rows)
	}
}

// The thread of an item shows a station officer the date of each entry, not its time: an
// officer's first action soon after an item came would tell when it came.
func TestAStationsThreadShowsDatesOnly(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	for who, wantTime := range map[string]bool{testapp.StationA: false, testapp.SDO: true} {
		call{name: "thread", who: who, url: "/api/console/items/" + f.Items["a-exp"], status: 200,
			check: func(t testing.TB, app *tests.TestApp, body map[string]any) {
				thread, _ := body["thread"].([]any)
				if len(thread) == 0 {
					t.Fatal("no thread")
				}
				for _, e := range thread {
					entry := e.(map[string]any)
					date, _ := entry["date"].(string)
					_, hasTime := entry["created"]
					if len(date) != len("2006-01-02") || hasTime != wantTime {
						t.Errorf("%s: thread entry %v; want a date, and the time: %v", who, entry, wantTime)
					}
				}
			}}.run(t, f)
	}
}
