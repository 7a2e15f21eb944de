package deadlines_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/appconfig"
	"anubhav/deadlines"
	"anubhav/testkit/testapp"
)

func TestOverdueQueriesAgreeWithOverdue(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	cfgs := []*appconfig.Config{cfg}
	// a-exp arrived 3 days ago, b-exp 10 days ago and is in review, c-exp 10 days ago and done.
	// b-exp is rated 3 (as 5★ praise it would need no action: TestPraiseIsNeverOverdue).
	age := map[string]struct {
		days   int
		status string
	}{"a-exp": {3, "new"}, "b-exp": {10, "in_review"}, "c-exp": {10, "action_taken"}, "d-exp": {0, "new"}}
	for name, a := range age {
		created := time.Now().Add(-time.Duration(a.days) * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().NewQuery("UPDATE feedback SET created={:c}, status={:s}, rating=MIN(rating, 3) WHERE id={:id}").
			Bind(dbx.Params{"c": created, "s": a.status, "id": f.Items[name]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(e dbx.Expression) []string {
		var ids []string
		if err := app.DB().Select("id").From("feedback").Where(e).Column(&ids); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	now := time.Now()
	review := count(deadlines.OverdueForReview("", cfgs, now))
	action := count(deadlines.OverdueForAction("", cfgs, now))
	// Review within 1 day: a-exp (new, 3 days). Action within 7 days: b-exp only.
	if len(review) != 1 || review[0] != f.Items["a-exp"] {
		t.Errorf("overdue for review: %v, want only a-exp", review)
	}
	if len(action) != 1 || action[0] != f.Items["b-exp"] {
		t.Errorf("overdue for action: %v, want only b-exp", action)
	}
	// Combined in one query, each condition keeps its own deadline.
	if either := count(dbx.Or(deadlines.OverdueForReview("", cfgs, now), deadlines.OverdueForAction("", cfgs, now))); len(either) != 2 {
		t.Errorf("overdue for review or action: %v, want a-exp and b-exp", either)
	}
	if r, a := deadlines.Overdue("new", now.Add(-3*24*time.Hour), now, cfg); !r || a {
		t.Errorf("Overdue(new, 3 days) = %v %v, want review only", r, a)
	}
	if r, a := deadlines.Overdue("in_review", now.Add(-8*24*time.Hour), now, cfg); r || !a {
		t.Errorf("Overdue(in_review, 8 days) = %v %v, want action only", r, a)
	}
}

// A deadline falls at the start of a day in the district's time zone, never at the hour the
// item arrived: otherwise the moment an overdue mark flips would tell a station the time of
// day of an item.
func TestDeadlinesFallAtTheStartOfADay(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	ist := cfg.Location
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 12, day, hour, minute, 0, 0, ist) }
	// review within 1 day: an item of Monday 1 December is due by the end of Tuesday
	for _, c := range []struct {
		arrived, now time.Time
		overdue      bool
	}{
		{at(1, 9, 0), at(2, 23, 59), false},
		{at(1, 9, 0), at(3, 0, 0), true},
		{at(1, 23, 59), at(3, 0, 0), true},
		{at(1, 0, 0), at(2, 23, 59), false},
		{at(2, 0, 1), at(3, 8, 0), false},
	} {
		review, _ := deadlines.Overdue("new", c.arrived, c.now, cfg)
		if review != c.overdue {
			t.Errorf("arrived %s, at %s: overdue for review %v, want %v", c.arrived.Format(time.DateTime), c.now.Format(time.DateTime), review, c.overdue)
		}
	}
	// Two items of the same day, at 00:05 and 23:55, are marked overdue at the same moment.
	early, late := at(1, 0, 5), at(1, 23, 55)
	for now := at(2, 0, 0); now.Before(at(4, 0, 0)); now = now.Add(time.Minute) {
		a, _ := deadlines.Overdue("new", early, now, cfg)
		b, _ := deadlines.Overdue("new", late, now, cfg)
		if a != b {
			t.Fatalf("at %s the item of 00:05 is overdue %v, the one of 23:55 %v", now.Format(time.DateTime), a, b)
		}
	}
}

// Within a range the districts keep their own deadlines: one query holds each item to its
// district's days.
func TestEachDistrictKeepsItsOwnDeadlines(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	d2, err := app.FindFirstRecordByData("config", "district", f.Areas["d2"])
	if err != nil {
		t.Fatal(err)
	}
	d2.Set("review_days", 5)
	if err := app.Save(d2); err != nil {
		t.Fatal(err)
	}
	set, err := appconfig.All(app)
	if err != nil {
		t.Fatal(err)
	}
	// a-exp (d1, review in 1 day) and c-exp (d2, review in 5 days), both new and 3 days old
	for _, name := range []string{"a-exp", "c-exp"} {
		created := time.Now().Add(-3 * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().NewQuery("UPDATE feedback SET created={:c}, status='new', rating=3 WHERE id={:id}").
			Bind(dbx.Params{"c": created, "id": f.Items[name]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	cfgs := set.Among([]string{f.Areas["d1"], f.Areas["d2"]})
	if err := app.DB().Select("id").From("feedback").Where(dbx.And(deadlines.OverdueForReview("", cfgs, time.Now()),
		dbx.In("id", f.Items["a-exp"], f.Items["c-exp"]))).Column(&ids); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != f.Items["a-exp"] {
		t.Errorf("overdue for review %v, want a-exp only (c-exp's district allows 5 days)", ids)
	}
	if review, _ := deadlines.Overdue("new", time.Now().Add(-3*24*time.Hour), time.Now(), set.For(f.Areas["d2"])); review {
		t.Error("Overdue says c-exp is overdue in d2")
	}
}

// Praise (a good rating, no negative answer, no urgent word) asks nothing of the police: it is
// never overdue, however old; the same item with a negative answer or an urgent word is.
func TestPraiseIsNeverOverdue(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-30 * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
	for _, c := range []struct {
		kind   string
		rating int
		flags  string
		praise bool
	}{
		{"experience", 5, `[]`, true},
		{"experience", 4, `[]`, true},
		{"experience", 3, `[]`, false},
		{"experience", 5, `["negative"]`, false},
		{"experience", 5, `["urgent"]`, false},
		{"complaint", 0, `[]`, false},
	} {
		if _, err := app.DB().NewQuery("UPDATE feedback SET created={:c}, status='new', kind={:k}, rating={:r}, flags={:f} WHERE id={:id}").
			Bind(dbx.Params{"c": old, "k": c.kind, "r": c.rating, "f": c.flags, "id": f.Items["b-exp"]}).Execute(); err != nil {
			t.Fatal(err)
		}
		var ids []string
		overdue := dbx.Or(deadlines.OverdueForReview("", []*appconfig.Config{cfg}, time.Now()),
			deadlines.OverdueForAction("", []*appconfig.Config{cfg}, time.Now()))
		if err := app.DB().Select("id").From("feedback").Where(dbx.And(overdue, dbx.HashExp{"id": f.Items["b-exp"]})).Column(&ids); err != nil {
			t.Fatal(err)
		}
		var flags []string
		_ = json.Unmarshal([]byte(c.flags), &flags)
		if got := deadlines.Praise(c.kind, c.rating, flags); got != c.praise {
			t.Errorf("Praise(%s, %d, %s) = %v", c.kind, c.rating, c.flags, got)
		}
		if (len(ids) == 0) != c.praise {
			t.Errorf("%s %d★ %s: overdue %v, want %v", c.kind, c.rating, c.flags, len(ids) == 1, !c.praise)
		}
	}
}
