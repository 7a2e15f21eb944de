package demo_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/dashboard"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// rollupRows are the rollups' non-zero rows without their ids (live writes leave rows they
// bring to nothing as zeros; a rebuild writes none).
var rollupRows = []string{
	"SELECT unit, day, kind, channel, items, spam, rated, rating_sum, negative, status_new, status_review FROM rollups" +
		" WHERE items + spam + rated + rating_sum + negative + status_new + status_review != 0 ORDER BY unit, day, kind, channel",
	"SELECT unit, measure, day, kind, value, n FROM rollup_counts WHERE n != 0 ORDER BY unit, measure, day, kind, value",
}

func TestTheDemosRollupsAreThoseOfItsItems(t *testing.T) {
	app := seededApp(t)
	defer app.Cleanup()
	if err := rollups.Fold(app); err != nil {
		t.Fatal(err)
	}
	seededRollups := testapp.Dump(t, app, rollupRows...)
	if seededRollups == "" {
		t.Fatal("the demo wrote no rollups")
	}
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	if testapp.Dump(t, app, rollupRows...) != seededRollups {
		t.Error("the rollups the demo left differ from a rebuild from its items")
	}
}

// assess asks the dashboard as the SP Durg about an area or a station (q) over the last
// `days` whole days.
func assess(t *testing.T, app core.App, q url.Values, days int) *dashboard.Answer {
	t.Helper()
	sp, err := app.FindAuthRecordByEmail(schema.Officers, "sp.durg@demo.local")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	today := now.In(cfg.Location)
	q.Set("from", today.AddDate(0, 0, -days).Format(time.DateOnly))
	q.Set("to", today.AddDate(0, 0, -1).Format(time.DateOnly))
	a, err := dashboard.Assess(app, sp, q, now)
	if err != nil {
		t.Fatalf("%v over %d days: %v", q, days, err)
	}
	return a
}

// leagueOf is a sub-division's league of stations over the last `days` days.
func leagueOf(t *testing.T, app core.App, subdivision string, days int) *dashboard.League {
	t.Helper()
	l := assess(t, app, url.Values{"area": {subdivision}}, days).League
	if l == nil {
		t.Fatalf("%s over %d days: no league", subdivision, days)
	}
	return l
}

// rowOf finds a station's row in a league, and its place (0 = best).
func rowOf(l *dashboard.League, code string) (*dashboard.Row, int) {
	for i := range l.Rows {
		if l.Rows[i].Code == code {
			return &l.Rows[i], i
		}
	}
	return nil, -1
}

// noShare is the share of a yes/no question's answers that are "no".
func noShare(a *dashboard.Answer, key string) float64 {
	for _, q := range a.Questions {
		if q.Key != key || q.Answered == 0 {
			continue
		}
		for _, o := range q.Options {
			if o.Value == "no" {
				return float64(o.Count) / float64(q.Answered)
			}
		}
	}
	return 0
}

// The SP Durg's dashboard tells the stories README promises: Jamul is weak, Mohan Nagar has
// turned round, Nandini Nagar has gone quiet.
func TestTheDemoTellsTheDashboardsStory(t *testing.T) {
	app := seededApp(t)
	defer app.Cleanup()

	district := assess(t, app, url.Values{}, 30)
	for _, days := range []int{30, 90} {
		l := leagueOf(t, app, "chhawani", days)
		jamul, place := rowOf(l, "drg-jamul")
		if jamul == nil || place != len(l.Rows)-1 || len(l.Rows) < 4 {
			t.Fatalf("%d days: Jamul is %d of %d in CSP Chhawani's league, want last", days, place+1, len(l.Rows))
		}
		if *jamul.Score > 3.3 || *jamul.NegativeShare < 0.25 {
			t.Errorf("%d days: Jamul scores %.2f with %.0f%% negative, want a weak station", days, *jamul.Score, 100**jamul.NegativeShare)
		}
	}
	// Its people say why: staff who did not help, problems not solved; and they complain.
	jamul := assess(t, app, url.Values{"station": {"drg-jamul"}}, 30)
	for _, key := range []string{"staff_helped", "problem_solved"} {
		if j, d := noShare(jamul, key), noShare(district, key); j < 1.5*d || j < 0.25 {
			t.Errorf("%s: %.0f%% no at Jamul, %.0f%% in the district; want half as much again at Jamul", key, 100*j, 100*d)
		}
	}
	if j, d := jamul.Totals, district.Totals; 2*j.Complaints*d.Responses < 3*d.Complaints*j.Responses {
		t.Errorf("Jamul has %d complaints of %d responses, the district %d of %d: want half as large a share again", j.Complaints, j.Responses, d.Complaints, d.Responses)
	}

	// Over the last 30 days, against the 30 before: Mohan Nagar's change is the district's largest.
	best, bestChange := "", 0.0
	for _, sub := range []string{"durg-city", "bhilai-nagar", "chhawani", "patan", "dhamdha"} {
		l := leagueOf(t, app, sub, 30)
		for _, r := range l.Rows {
			if r.Change != nil && *r.Change > bestChange {
				best, bestChange = r.Code, *r.Change
			}
		}
		if sub == "dhamdha" {
			if r, _ := rowOf(l, "drg-nandini-nagar"); r != nil {
				t.Errorf("Nandini Nagar has %d responses in the last 30 days, want none", r.Responses)
			}
			silent := false
			for _, u := range l.Silent {
				silent = silent || u.Code == "drg-nandini-nagar"
			}
			if !silent {
				t.Errorf("Nandini Nagar is not among SDOP Dhamdha's silent stations %+v", l.Silent)
			}
		}
	}
	if best != "drg-mohan-nagar" || bestChange < 0.8 {
		t.Errorf("the largest change of the district is %s's (%+.2f), want Mohan Nagar's, at least +0.8", best, bestChange)
	}

	// Nandini Nagar had feedback before it went quiet: its poster was up.
	if r, _ := rowOf(leagueOf(t, app, "dhamdha", 90), "drg-nandini-nagar"); r == nil {
		t.Error("Nandini Nagar has no feedback in the last 90 days either; want some before it went quiet")
	}
}
