package dashboard_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/dashboard"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// The league ranks by the Bayesian score, not the raw average: two 5★ reviews (st-a) do not
// top forty that average 4.5 (st-b), in a sub-division whose third station (st-e) gets 3★.
// Raw averages order them st-a, st-b, st-e; the scores st-b, st-a, st-e. st-b's previous
// period (ten 3★) gives its change.
func TestLeagueRanksByScoreNotRawAverage(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	col, err := app.FindCollectionByNameOrId(schema.Stations)
	if err != nil {
		t.Fatal(err)
	}
	e := core.NewRecord(col)
	e.Load(map[string]any{"code": "st-e", "name": "Station st-e", "name_hi": "थाना st-e", "kind": "thana",
		"area": fx.Areas["s1"], "active": true})
	if err := app.Save(e); err != nil {
		t.Fatal(err)
	}
	add := func(station string, n, rating, daysBack int) {
		for range n {
			item(t, app, station, schema.KindExperience, rating, schema.ChannelQR, daysBack, nil)
		}
	}
	add(fx.Stations["st-a"], 2, 5, 3)
	add(fx.Stations["st-b"], 20, 4, 2)
	add(fx.Stations["st-b"], 20, 5, 4)
	add(e.Id, 20, 3, 5)
	add(fx.Stations["st-b"], 10, 3, 15) // the previous period
	srv := testapp.Serve(t, app)

	_, body := get(t, srv, fx, testapp.SDO, "from="+daysAgo(10)+"&to="+daysAgo(1))
	rows := path(body, "league", "rows")
	if got := codes(rows); !slices.Equal(got, []string{"st-b", "st-a", "st-e"}) {
		t.Fatalf("league %v, want st-b, st-a, st-e", got)
	}
	k := float64(dashboard.PriorWeight)
	if path(body, "league", "prior_weight") != k {
		t.Errorf("prior weight %v", path(body, "league", "prior_weight"))
	}
	m := (2*5 + 20*4 + 20*5 + 20*3) / 62.0
	for i, want := range []struct {
		responses     int
		raw, sum      float64
		previousScore float64 // 0: none
	}{
		{40, 4.5, 180, (k*m + 30) / (k + 10)}, // the same prior for both periods
		{2, 5, 10, 0},
		{20, 3, 60, 0},
	} {
		row := path(rows, i)
		score := (k*m + want.sum) / (k + float64(want.responses))
		if path(row, "responses") != float64(want.responses) || path(row, "rating") != want.raw ||
			math.Abs(num(path(row, "score"))-score) > 0.005 {
			t.Errorf("row %d: %v, want %d responses, rating %v, score %.2f", i, row, want.responses, want.raw, score)
		}
		if want.previousScore == 0 {
			if path(row, "previous_score") != nil || path(row, "change") != nil {
				t.Errorf("row %d has a previous score without a previous response: %v", i, row)
			}
			continue
		}
		if math.Abs(num(path(row, "previous_score"))-want.previousScore) > 0.005 ||
			math.Abs(num(path(row, "change"))-(score-want.previousScore)) > 0.011 {
			t.Errorf("row %d: previous score %v, change %v; want %.2f, %.2f", i, path(row, "previous_score"),
				path(row, "change"), want.previousScore, score-want.previousScore)
		}
	}
}

// StationLeague ranks the stations at every depth of an officer's scope, the district's own
// station (st-d) beside a sub-division's (st-a), with the scope's mean as prior; the range's
// takes in the other district's st-c; a station has none.
func TestStationLeagueRanksTheStationsOfTheScope(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	add := func(station string, n, rating, daysBack int) {
		for range n {
			item(t, app, fx.Stations[station], schema.KindExperience, rating, schema.ChannelQR, daysBack, nil)
		}
	}
	add("st-a", 2, 5, 3)
	add("st-d", 4, 2, 2)
	add("st-c", 3, 4, 4)
	from, to := daysAgo(10), daysAgo(1)
	officer := func(email string) *core.Record {
		r, err := app.FindAuthRecordByEmail(schema.Officers, email)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	units := func(us []dashboard.Unit) (out []string) {
		for _, u := range us {
			out = append(out, u.Code)
		}
		return out
	}
	rows := func(l *dashboard.League) (out []string) {
		for _, r := range l.Rows {
			out = append(out, fmt.Sprintf("%s %d %.2f", r.Code, r.Responses, *r.Score))
		}
		return out
	}
	// d1's mean is (2×5 + 4×2)/6 = 3: st-a (10×3 + 10)/12, st-d (10×3 + 8)/14
	sp, err := dashboard.StationLeague(app, officer(testapp.SP), from, to, time.Now())
	if err != nil || sp.Level != "station" || !slices.Equal(rows(sp), []string{"st-a 2 3.33", "st-d 4 2.71"}) ||
		!slices.Equal(units(sp.Silent), []string{"st-b"}) {
		t.Fatalf("the SP's stations %v, silent %v (%v); want st-a, st-d, and st-b silent (st-off is inactive)", rows(sp), units(sp.Silent), err)
	}
	// the range's mean is (10 + 8 + 12)/9, 3.33 to two places: st-a (33.3 + 10)/12, st-c (33.3 + 12)/13, st-d (33.3 + 8)/14
	ig, err := dashboard.StationLeague(app, officer(testapp.IG), from, to, time.Now())
	if err != nil || !slices.Equal(rows(ig), []string{"st-a 2 3.61", "st-c 3 3.48", "st-d 4 2.95"}) {
		t.Fatalf("the IG's stations %v (%v)", rows(ig), err)
	}
	if station, err := dashboard.StationLeague(app, officer(testapp.StationA), from, to, time.Now()); err != nil || station != nil {
		t.Fatalf("a station's league %+v (%v), want none", station, err)
	}
}
