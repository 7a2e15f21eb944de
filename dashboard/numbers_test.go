package dashboard_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/deadlines"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// fill adds items over the last 70 days at every station of the fixture, of every kind and
// channel, with answers, and has the SPs review, reply to, close and mark some as spam.
func fill(t *testing.T, app core.App, fx *testapp.Fixture) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 5))
	sp := map[string]*core.Record{}
	for _, email := range []string{testapp.SP, testapp.OtherSP} {
		o, err := app.FindAuthRecordByEmail(schema.Officers, email)
		if err != nil {
			t.Fatal(err)
		}
		sp[o.GetString("area")] = o
	}
	actions := []string{schema.ActionReview, schema.ActionReply, schema.ActionClose, schema.ActionSpam, schema.ActionTaken}
	for range 150 {
		station := []string{"st-a", "st-b", "st-c", "st-d", "st-a"}[rng.IntN(5)]
		kind := []string{schema.KindExperience, schema.KindExperience, schema.KindComplaint, schema.KindTip}[rng.IntN(4)]
		rating := 0
		if kind == schema.KindExperience {
			rating = 1 + rng.IntN(5)
		}
		r := item(t, app, fx.Stations[station], kind, rating, schema.Channels[rng.IntN(3)], rng.IntN(70),
			map[string]any{"staff_helped": []string{"yes", "no"}[rng.IntN(2)], "purpose": "fir",
				"officer_name": []string{"SI Verma", "ASI Sahu", "HC Patel"}[rng.IntN(3)]})
		if p := rng.IntN(3); p > 0 {
			_, _ = console.Act(app, sp[r.GetString("district")], r.Id, console.Action{Name: actions[rng.IntN(len(actions))], Body: "Seen"})
		}
	}
}

// direct counts straight from the items what the dashboard says of a scope and period.
type direct struct {
	app      core.App
	where    dbx.Expression
	from, to string
}

func (d direct) count(extra string) int {
	var n int
	q := d.app.DB().Select("count(*)").From(schema.Feedback).Where(d.where).
		AndWhere(dbx.NewExp("date(created, '+330 minutes') BETWEEN {:from} AND {:to}", dbx.Params{"from": d.from, "to": d.to}))
	if extra != "" {
		q = q.AndWhere(dbx.NewExp(extra))
	}
	if err := q.Row(&n); err != nil {
		panic(err)
	}
	return n
}

func (d direct) mean() *float64 {
	var sum, n int
	if err := d.app.DB().Select("coalesce(sum(rating), 0)", "count(*)").From(schema.Feedback).Where(d.where).
		AndWhere(dbx.NewExp("date(created, '+330 minutes') BETWEEN {:from} AND {:to} AND status != 'spam' AND rating > 0",
			dbx.Params{"from": d.from, "to": d.to})).Row(&sum, &n); err != nil {
		panic(err)
	}
	if n == 0 {
		return nil
	}
	m := math.Round(float64(sum)/float64(n)*100) / 100
	return &m
}

// waitingNow: open items of the scope (any day) and those overdue by the deadlines package.
func (d direct) waitingNow(t *testing.T, now time.Time) (open, late int) {
	var items []*core.Record
	if err := d.app.RecordQuery(schema.Feedback).Where(d.where).AndWhere(dbx.In("status", schema.AwaitingAny()...)).All(&items); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		cfg, err := appconfig.For(d.app, it.GetString("district"))
		if err != nil {
			t.Fatal(err)
		}
		review, action := deadlines.Overdue(it.GetString("status"), it.GetDateTime("created").Time(), now, cfg)
		if review || action {
			late++
		}
	}
	return len(items), late
}

// medianHours is the lower median of the time from arrival to a time, nil where none.
func (d direct) medianHours(t *testing.T, field string) *time.Duration {
	items := d.items(t, field+" != ''")
	if len(items) == 0 {
		return nil
	}
	var hours []time.Duration
	for _, it := range items {
		hours = append(hours, it.GetDateTime(field).Time().Sub(it.GetDateTime("created").Time()))
	}
	slices.Sort(hours)
	return &hours[(len(hours)-1)/2]
}

// reviewedWithin counts the items reviewed by the end of their district's review days.
func (d direct) reviewedWithin(t *testing.T) int {
	n := 0
	for _, it := range d.items(t, "reviewed_at != ''") {
		cfg, err := appconfig.For(d.app, it.GetString("district"))
		if err != nil {
			t.Fatal(err)
		}
		// reviewed before the start of the local day after the last day given
		due := deadlines.DaysAgo(cfg, it.GetDateTime("created").Time(), -cfg.ReviewDays-1)
		if it.GetDateTime("reviewed_at").Time().Before(due) {
			n++
		}
	}
	return n
}

func (d direct) items(t *testing.T, extra string) []*core.Record {
	var items []*core.Record
	if err := d.app.RecordQuery(schema.Feedback).Where(d.where).AndWhere(dbx.NewExp("status != 'spam' AND " + extra)).
		AndWhere(dbx.NewExp("date(created, '+330 minutes') BETWEEN {:from} AND {:to}", dbx.Params{"from": d.from, "to": d.to})).
		All(&items); err != nil {
		t.Fatal(err)
	}
	return items
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func sameNumber(t *testing.T, what string, got any, want *float64) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Errorf("%s: %v, want null", what, got)
		}
		return
	}
	if g, ok := got.(float64); !ok || math.Abs(g-*want) > 0.005 {
		t.Errorf("%s: %v, want %v", what, got, *want)
	}
}

// The dashboard's numbers equal what the items count, for each role's scope and for areas
// and stations drilled into.
func TestDashboardNumbersEqualDirectCounts(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	fill(t, app, fx)
	srv := testapp.Serve(t, app)
	from, to := daysAgo(40), daysAgo(0)
	prevFrom, prevTo := daysAgo(81), daysAgo(41)
	experienceAt := func(code string) dbx.Expression {
		return dbx.HashExp{"station": fx.Stations[code], "kind": schema.KindExperience}
	}
	cases := []struct {
		who, query string
		where      dbx.Expression
		supervisor bool
	}{
		{testapp.SP, "", dbx.HashExp{"district": fx.Areas["d1"]}, true},
		{testapp.IG, "", dbx.HashExp{"range": fx.Areas["rg"]}, true},
		{testapp.SDO, "", dbx.HashExp{"subdivision": fx.Areas["s1"]}, true},
		{testapp.StationA, "", experienceAt("st-a"), false},
		{testapp.IG, "&area=d2", dbx.HashExp{"district": fx.Areas["d2"]}, true},
		{testapp.SP, "&station=st-b", dbx.HashExp{"station": fx.Stations["st-b"]}, true},
		{testapp.SP, "&station=st-d", dbx.HashExp{"station": fx.Stations["st-d"]}, true},
	}
	for _, c := range cases {
		status, body := get(t, srv, fx, c.who, "from="+from+"&to="+to+c.query)
		if status != 200 {
			t.Fatalf("%s %s: %d %v", c.who, c.query, status, body)
		}
		d := direct{app, c.where, from, to}
		prev := direct{app, c.where, prevFrom, prevTo}
		name := c.who + c.query
		totals := path(body, "totals")
		responses := d.count("status != 'spam'")
		if responses == 0 {
			t.Fatalf("%s: the fixture has no responses in the period", name)
		}
		for key, want := range map[string]int{
			"responses": responses, "previous_responses": prev.count("status != 'spam'"),
			"rated": d.count("status != 'spam' AND rating > 0"), "spam": d.count("status = 'spam'"),
			"complaints": d.count("status != 'spam' AND kind = 'complaint'"), "tips": d.count("status != 'spam' AND kind = 'tip'"),
		} {
			if got := num(path(totals, key)); int(got) != want {
				t.Errorf("%s: totals.%s = %v, want %d", name, key, got, want)
			}
		}
		for _, ch := range schema.Channels {
			if got, want := num(path(totals, "by_channel", ch)), d.count("status != 'spam' AND channel = '"+ch+"'"); int(got) != want {
				t.Errorf("%s: by_channel.%s = %v, want %d", name, ch, got, want)
			}
		}
		for _, k := range schema.FeedbackKinds {
			got, listed := path(totals, "by_kind").(map[string]any)[k]
			if !c.supervisor && k != schema.KindExperience {
				if listed {
					t.Errorf("%s: a station is shown %s counts", name, k)
				}
				continue
			}
			if want := d.count("status != 'spam' AND kind = '" + k + "'"); int(num(got)) != want {
				t.Errorf("%s: by_kind.%s = %v, want %d", name, k, got, want)
			}
		}
		sameNumber(t, name+": rating", path(totals, "rating"), d.mean())
		sameNumber(t, name+": previous rating", path(totals, "previous_rating"), prev.mean())
		negative := float64(d.count("status != 'spam' AND flags LIKE '%negative%'")) / float64(responses)
		sameNumber(t, name+": negative share", path(totals, "negative_share"), &negative)

		open, late := d.waitingNow(t, time.Now())
		if got := num(path(body, "service", "open_now")); int(got) != open {
			t.Errorf("%s: open_now %v, want %d", name, got, open)
		}
		if got := num(path(body, "service", "overdue_now")); int(got) != late {
			t.Errorf("%s: overdue_now %v, want %d", name, got, late)
		}

		for field, measure := range map[string]string{"median_hours_to_review": "reviewed_at", "median_hours_to_reply": "replied_at"} {
			want := d.medianHours(t, measure)
			if !c.supervisor && want != nil {
				// a station is told no duration in hours: with its own review time, an item's
				// hours to review would tell it the item's time of day
				want = nil
			}
			got := path(body, "service", field)
			if (want == nil) != (got == nil) || (want != nil && num(got) != rollups.BucketMiddle(rollups.HourBucket(*want))) {
				t.Errorf("%s: %s %v, want the middle of the bucket of %v", name, field, got, want)
			}
		}
		within := float64(d.reviewedWithin(t)) / float64(responses)
		sameNumber(t, name+": within review share", path(body, "service", "within_review_share"), &within)

		points := path(body, "trend", "points").([]any)
		sum := 0
		for _, p := range points {
			sum += int(num(path(p, "responses")))
		}
		if len(points) != 41 || sum != responses || path(body, "trend", "unit") != "day" {
			t.Errorf("%s: trend of %d points adds up to %d, want 41 days adding up to %d", name, len(points), sum, responses)
		}

		for _, q := range path(body, "questions").([]any) {
			if path(q, "key") != "staff_helped" {
				continue
			}
			for _, o := range path(q, "options").([]any) {
				v := path(o, "value").(string)
				if got, want := num(path(o, "count")), d.count("status != 'spam' AND json_extract(answers, '$.staff_helped') = '"+v+"'"); int(got) != want {
					t.Errorf("%s: staff_helped %s counted %v, want %d", name, v, got, want)
				}
			}
		}

		texts, listed := body["texts"]
		if !c.supervisor {
			if listed {
				t.Errorf("%s: a station is shown text answers", name)
			}
			if _, ok := body["league"]; ok {
				t.Errorf("%s: a station is shown a league", name)
			}
			continue
		}
		for _, tq := range texts.([]any) {
			if path(tq, "key") != "officer_name" {
				continue
			}
			values := path(tq, "values").([]any)
			if len(values) != 3 {
				t.Errorf("%s: officer names %v", name, values)
			}
			for _, v := range values {
				name := path(v, "value").(string)
				if got, want := num(path(v, "count")), d.count("status != 'spam' AND json_extract(answers, '$.officer_name') = '"+name+"'"); int(got) != want {
					t.Errorf("%s: officer %s counted %v, want %d", c.who, name, got, want)
				}
			}
			if !slices.IsSortedFunc(values, func(a, b any) int { return int(num(path(b, "count")) - num(path(a, "count"))) }) {
				t.Errorf("%s: officer names not by count: %v", name, values)
			}
		}
	}
}

// A range reads its own counts for the share within the review days and what is overdue while
// its districts keep the same days, and each district's when they differ: either way the
// figures are what the items count with each item's own district's days.
func TestRangeServiceWithDistrictsOfOtherDays(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	fill(t, app, fx)
	srv := testapp.Serve(t, app)
	from, to := daysAgo(40), daysAgo(0)
	d := direct{app, dbx.HashExp{"range": fx.Areas["rg"]}, from, to}
	for _, round := range []string{"the same days", "d2 with 1 review day and 3 action days"} {
		if round != "the same days" {
			cfg, err := app.FindFirstRecordByData(schema.Config, "district", fx.Areas["d2"])
			if err != nil {
				t.Fatal(err)
			}
			cfg.Set("review_days", 1)
			cfg.Set("action_days", 3)
			if err := app.Save(cfg); err != nil {
				t.Fatal(err)
			}
		}
		status, body := get(t, srv, fx, testapp.IG, "from="+from+"&to="+to)
		if status != 200 {
			t.Fatalf("%s: %d %v", round, status, body)
		}
		within := float64(d.reviewedWithin(t)) / float64(d.count("status != 'spam'"))
		sameNumber(t, round+": within review share", path(body, "service", "within_review_share"), &within)
		open, late := d.waitingNow(t, time.Now())
		if got := num(path(body, "service", "open_now")); int(got) != open {
			t.Errorf("%s: open_now %v, want %d", round, got, open)
		}
		if got := num(path(body, "service", "overdue_now")); int(got) != late {
			t.Errorf("%s: overdue_now %v, want %d", round, got, late)
		}
	}
}
