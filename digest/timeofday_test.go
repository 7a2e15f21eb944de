package digest_test

import (
	"slices"
	"strings"
	"testing"

	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// A station's digest lists its items by date and, within a day, by id: never in the order
// they came, which would tell the time of day of each.
func TestAStationsDigestIsNotInTheOrderOfArrival(t *testing.T) {
	app, f := testapp.New(t)
	neg := []string{schema.FlagNegative}
	for hour := range 6 {
		addItem(t, app, f, item{"st-a", schema.KindExperience, 1, neg, "", at(day, 4+3*hour, 7*hour), "Rude"})
		addItem(t, app, f, item{"st-a", schema.KindExperience, 1, nil, "", at("2025-06-09", 4+3*hour, 0), "Late"})
	}
	d0, _ := digest.DayOf(day, ist)
	now := at("2025-06-20", 9, 0) // all of them overdue
	ids := func(items []digest.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	station, err := digest.Build(app, officer(t, app, testapp.StationA), d0, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(station.Flagged); len(got) != 6 || !slices.IsSorted(got) {
		t.Errorf("the station's flagged items %v, want the day's six by id", got)
	}
	if len(station.Overdue) != 12 {
		t.Fatalf("%d overdue items, want 12", len(station.Overdue))
	}
	older, newer := ids(station.Overdue[:6]), ids(station.Overdue[6:])
	if !slices.IsSorted(older) || !slices.IsSorted(newer) || !strings.Contains(station.Overdue[0].Excerpt, "Late") {
		t.Errorf("the station's overdue items %v then %v, want 9 June's by id, then 10 June's by id", older, newer)
	}
	// a supervisor sees them in the order they came
	sdo, err := digest.Build(app, officer(t, app, testapp.SDO), d0, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(sdo.Flagged, func(a, b digest.Item) int { return a.Created.Compare(b.Created) }) {
		t.Errorf("the sub-division's flagged items are not by time: %v", ids(sdo.Flagged))
	}
}
