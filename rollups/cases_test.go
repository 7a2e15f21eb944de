package rollups_test

import (
	"maps"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// One item's life, step by step, and what each step leaves in the rollups of its station and
// each area above it (s1, d1, rg) and of the areas it is not under (d2).
func TestRollupsCases(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	sp, err := app.FindAuthRecordByEmail(schema.Officers, testapp.SP)
	if err != nil {
		t.Fatal(err)
	}
	stA, s1, d1, d2 := fx.Stations["st-a"], fx.Areas["s1"], fx.Areas["d1"], fx.Areas["d2"]
	units := []string{stA, s1, d1, fx.Areas["rg"]}
	base := map[string]rollups.Tally{}
	for _, u := range append(units, d2, fx.Areas["s2"]) {
		base[u] = tally(t, app, u)
	}
	// the fixture's own items at st-a count too: the cases' counts are on top of theirs
	baseCounts := map[string]map[string]int{}
	for _, m := range []string{"q.rating", "q.staff_helped", "q.behaviour", "q.officer_name", "h.review", "h.reply", "h.close"} {
		baseCounts[m] = count(t, app, stA, m)
	}
	var item *core.Record
	act := func(name string) func() {
		return func() {
			if _, err := console.Act(app, sp, item.Id, console.Action{Name: name, Body: "Seen to"}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	cases := []struct {
		name string
		do   func()
		// the item's counters under each of its units (none: nothing left of it)
		want rollups.Tally
		// counts under its station, by measure and value
		counts map[string]map[string]int
	}{
		{"an arrival counts under its station and each area above it", func() {
			item = testapp.Item(t, app, stA, schema.KindExperience, 2, schema.ChannelQR, time.Now().Add(-30*time.Hour),
				map[string]any{"staff_helped": "no", "behaviour": float64(2), "officer_name": "  SI   Verma "})
		}, rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, Negative: 1, StatusNew: 1},
			map[string]map[string]int{"q.rating": {"2": 1}, "q.staff_helped": {"no": 1}, "q.behaviour": {"2": 1},
				"q.officer_name": {"SI Verma": 1}}},
		{"a review takes it from new to in review, 30 hours after it arrived", act(schema.ActionReview),
			rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, Negative: 1, StatusReview: 1},
			map[string]map[string]int{"h.review": {"30": 1}}},
		{"a public reply files the hours to reply", act(schema.ActionReply),
			rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, Negative: 1, StatusReview: 1},
			map[string]map[string]int{"h.reply": {"30": 1}, "h.review": {"30": 1}}},
		{"a second reply is not the first", act(schema.ActionReply),
			rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, Negative: 1, StatusReview: 1},
			map[string]map[string]int{"h.reply": {"30": 1}}},
		{"closing files the hours to close", act(schema.ActionClose),
			rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, Negative: 1},
			map[string]map[string]int{"h.close": {"30": 1}, "h.reply": {"30": 1}}},
		{"a flag taken off counts no more", func() {
			item, _ = app.FindRecordById(schema.Feedback, item.Id)
			item.Set("flags", []string{})
			if err := app.Save(item); err != nil {
				t.Fatal(err)
			}
		}, rollups.Tally{Items: 1, Rated: 1, RatingSum: 2}, nil},
		{"reopened, it waits again and is closed no more", act(schema.ActionReopen),
			rollups.Tally{Items: 1, Rated: 1, RatingSum: 2, StatusReview: 1},
			map[string]map[string]int{"h.close": {}, "h.review": {"30": 1}}},
		{"spam counts as spam only, its answers and times gone", act(schema.ActionSpam),
			rollups.Tally{Spam: 1}, map[string]map[string]int{"q.rating": {}, "h.reply": {}, "q.officer_name": {}}},
		{"a superuser's delete leaves nothing of it", func() {
			item, _ = app.FindRecordById(schema.Feedback, item.Id)
			if err := app.Delete(item); err != nil {
				t.Fatal(err)
			}
		}, rollups.Tally{}, map[string]map[string]int{"q.rating": {}, "q.staff_helped": {}}},
	}
	for _, c := range cases {
		c.do()
		for _, u := range units {
			got := tally(t, app, u)
			want := base[u]
			want.Items += c.want.Items
			want.Spam += c.want.Spam
			want.Rated += c.want.Rated
			want.RatingSum += c.want.RatingSum
			want.Negative += c.want.Negative
			want.StatusNew += c.want.StatusNew
			want.StatusReview += c.want.StatusReview
			if got != want {
				t.Errorf("%s: unit %s has %+v, want %+v", c.name, u, got, want)
			}
		}
		if got := tally(t, app, d2); got != base[d2] {
			t.Errorf("%s: d2 changed to %+v", c.name, got)
		}
		for measure, want := range c.counts {
			want = maps.Clone(want)
			for v, n := range baseCounts[measure] {
				want[v] += n
			}
			if got := count(t, app, stA, measure); !maps.Equal(got, want) {
				t.Errorf("%s: %s at st-a is %v, want %v", c.name, measure, got, want)
			}
		}
	}
}

// A station moved to another sub-division takes its counts along: s1 and d1 lose them, s2
// and d2 gain them; the range keeps them.
func TestRollupsFollowAStationThatMoves(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	stB := fx.Stations["st-b"]
	own := tally(t, app, stB)
	if own.Items == 0 {
		t.Fatal("st-b has no items in the fixture")
	}
	before := map[string]rollups.Tally{}
	for _, a := range []string{"s1", "d1", "s2", "d2", "rg"} {
		before[a] = tally(t, app, fx.Areas[a])
	}
	station, err := app.FindRecordById(schema.Stations, stB)
	if err != nil {
		t.Fatal(err)
	}
	station.Set("area", fx.Areas["s2"])
	if err := app.Save(station); err != nil {
		t.Fatal(err)
	}
	for a, sign := range map[string]int{"s1": -1, "d1": -1, "s2": 1, "d2": 1, "rg": 0} {
		want := before[a]
		want.Items += sign * own.Items
		want.Rated += sign * own.Rated
		want.RatingSum += sign * own.RatingSum
		want.StatusNew += sign * own.StatusNew
		if got := tally(t, app, fx.Areas[a]); got != want {
			t.Errorf("%s has %+v after the move, want %+v", a, got, want)
		}
	}
	check(t, app)
}
