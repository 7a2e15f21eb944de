package report_test

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"anubhav/report"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// The report's numbers are the dashboard's: its comparison (this month, the month before,
// the same month a year before), its league and each unit's half page equal what
// GET /api/console/dashboard answers for the same unit and days, and the document shows them.
func TestReportTotalsAreTheDashboards(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	counts := fill(t, app, fx, month, month.AddDate(0, -1, 0), month.AddDate(-1, 0, 0))
	srv := testapp.Serve(t, app)
	for _, c := range []struct{ who, query string }{
		{testapp.SP, "&area=d1"},
		{testapp.IG, ""},
		{testapp.SDO, "&area=s1"},
		{testapp.StationA, ""},
	} {
		r, err := report.Build(app, officer(t, app, c.who), mustQuery(t, "month="+ym(month)+c.query), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Compare) != 3 {
			t.Fatalf("%s: %d columns", c.who, len(r.Compare))
		}
		for i, m := range []time.Time{month, month.AddDate(0, -1, 0), month.AddDate(-1, 0, 0)} {
			period := fmt.Sprintf("from=%s&to=%s", m.Format(time.DateOnly), m.AddDate(0, 1, -1).Format(time.DateOnly))
			_, dash := getJSON(t, srv, fx, c.who, "/api/console/dashboard?"+period+c.query)
			col := r.Compare[i]
			if got := testapp.AsJSON(t, col.Totals); !reflect.DeepEqual(got, dash["totals"]) {
				t.Errorf("%s %s totals:\nreport    %v\ndashboard %v", c.who, period, got, dash["totals"])
			}
			if got := testapp.AsJSON(t, col.Service); !reflect.DeepEqual(got, dash["service"]) {
				t.Errorf("%s %s service:\nreport    %v\ndashboard %v", c.who, period, got, dash["service"])
			}
			if i == 0 {
				if got := testapp.AsJSON(t, r.League); !reflect.DeepEqual(got, dash["league"]) {
					t.Errorf("%s league:\nreport    %v\ndashboard %v", c.who, got, dash["league"])
				}
			}
		}
		if col := r.Compare[0]; col.Totals.Responses == 0 || col.Totals.Rated == 0 {
			t.Errorf("%s: the fixture's month is empty: %+v", c.who, col.Totals)
		}
		period := fmt.Sprintf("from=%s&to=%s", month.Format(time.DateOnly), month.AddDate(0, 1, -1).Format(time.DateOnly))
		for _, s := range r.Sections {
			unit := "&area=" + s.Unit.Code
			if s.Unit.Level == "station" {
				unit = "&station=" + s.Unit.Code
			}
			_, dash := getJSON(t, srv, fx, c.who, "/api/console/dashboard?"+period+unit)
			if got := testapp.AsJSON(t, s.Totals); !reflect.DeepEqual(got, dash["totals"]) {
				t.Errorf("%s %s totals:\nreport    %v\ndashboard %v", c.who, s.Unit.Code, got, dash["totals"])
			}
			if got := testapp.AsJSON(t, s.Questions); !reflect.DeepEqual(got, dash["questions"]) {
				t.Errorf("%s %s answers:\nreport    %v\ndashboard %v", c.who, s.Unit.Code, got, dash["questions"])
			}
		}
		// and the document says them
		status, doc := get(t, srv, fx, c.who, "/api/console/report?month="+ym(month)+c.query)
		if status != 200 {
			t.Fatalf("%s: %d %s", c.who, status, doc)
		}
		row := fmt.Sprintf(`<tr><th>%s</th><td class="n">%d</td><td class="n">%d</td><td class="n">%d</td></tr>`,
			words.T("en", "console.dash_responses"), r.Compare[0].Totals.Responses, r.Compare[1].Totals.Responses, r.Compare[2].Totals.Responses)
		if !strings.Contains(string(doc), row) {
			t.Errorf("%s: the document lacks the responses row %s", c.who, row)
		}
	}
	// the sections: the district, its sub-division and stations, and the station right under
	// it; the closed st-off only because it had responses
	r, err := report.Build(app, officer(t, app, testapp.SP), mustQuery(t, "month="+ym(month)), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, s := range r.Sections {
		units = append(units, s.Unit.Code)
	}
	if want := []string{"d1", "s1", "st-a", "st-b", "st-off", "st-d"}; !reflect.DeepEqual(units, want) {
		t.Errorf("sections %v, want %v", units, want)
	}
	// the actions the SP took on the district's items that month
	want := counts[fx.Areas["d1"]][ym(month)]
	got := r.Sections[0].Actions
	if want == nil || got.Instructions != want.instructions || got.Replies != want.replies || got.Closures != want.closures {
		t.Errorf("actions %+v, want %+v", got, want)
	}
	if got.Instructions+got.Replies+got.Closures == 0 {
		t.Error("the fixture took no action")
	}
}

func mustQuery(t *testing.T, q string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
