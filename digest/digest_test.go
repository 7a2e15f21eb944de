package digest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/deadlines"
	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

var ist = mustLoad("Asia/Kolkata")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a time of the seeded days, in IST.
func at(date string, hour, minute int) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, date, ist)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
}

type item struct {
	station, kind string
	rating        int
	flags         []string
	status        string
	created       time.Time
	comment       string
}

func addItem(t *testing.T, app core.App, f *testapp.Fixture, it item) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(schema.Feedback)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	status := it.status
	if status == "" {
		status = schema.StatusNew
	}
	r.Load(map[string]any{"station": f.Stations[it.station], "kind": it.kind, "rating": it.rating, "flags": it.flags,
		"comment": it.comment, "channel": schema.ChannelQR, "lang": schema.LangHindi, "status": status})
	created, _ := types.ParseDateTime(it.created)
	r.SetRaw("created", created)
	if err := app.Save(r); err != nil {
		t.Fatalf("item %+v: %v", it, err)
	}
	return r.Id
}

const day = "2025-06-10"

// seedDay fills 10 June 2025 (IST) and the days around it; the fixture's own items are of
// today, far away.
func seedDay(t *testing.T, app core.App, f *testapp.Fixture) map[string]string {
	neg, urgent := []string{schema.FlagNegative}, []string{schema.FlagUrgent}
	ids := map[string]string{}
	for name, it := range map[string]item{
		"a-good":       {"st-a", schema.KindExperience, 5, nil, "", at(day, 10, 0), "Helpful staff"},
		"a-bad":        {"st-a", schema.KindExperience, 1, neg, "", at(day, 12, 0), "Nobody listened to me at the desk"},
		"a-complaint":  {"st-a", schema.KindComplaint, 0, urgent, "", at(day, 13, 0), "The munshi asked for a bribe"},
		"a-tip":        {"st-a", schema.KindTip, 0, nil, "", at(day, 14, 0), "Liquor sold behind the market"},
		"a-spam":       {"st-a", schema.KindExperience, 2, neg, schema.StatusSpam, at(day, 15, 0), "spam spam"},
		"b-late":       {"st-b", schema.KindExperience, 4, nil, "", at(day, 23, 59), "Late but fine"},
		"d-early":      {"st-d", schema.KindExperience, 3, nil, "", at(day, 0, 1), "Early visit"},
		"d-next-day":   {"st-d", schema.KindExperience, 5, nil, "", at("2025-06-11", 0, 1), "Next day"},
		"c-bad":        {"st-c", schema.KindExperience, 1, neg, "", at(day, 9, 0), "Rude"},
		"c-day-before": {"st-c", schema.KindExperience, 5, nil, "", at("2025-06-09", 23, 59), "Day before"},
		"a-week":       {"st-a", schema.KindExperience, 3, nil, schema.StatusClosed, at("2025-06-07", 10, 0), "Earlier"},
		"b-week":       {"st-b", schema.KindExperience, 5, nil, schema.StatusClosed, at("2025-06-08", 10, 0), "Earlier"},
	} {
		ids[name] = addItem(t, app, f, it)
	}
	return ids
}

func officer(t *testing.T, app core.App, email string) *core.Record {
	t.Helper()
	r, err := app.FindAuthRecordByEmail(schema.Officers, email)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBuildCountsTheDayOfEachScope(t *testing.T) {
	app, f := testapp.New(t)
	seedDay(t, app, f)
	d0, _ := digest.DayOf(day, ist)
	now := at("2025-06-11", 8, 0)

	cases := []struct {
		email                                        string
		responses, complaints, tips, flagged, urgent int
		average, week                                float64
		stations                                     int
	}{
		// st-a: good, bad, complaint, tip (the spam item counts nowhere); st-b 23:59; st-d 00:01.
		{testapp.SP, 6, 1, 1, 2, 1, (5 + 1 + 4 + 3) / 4.0, 4, 3},
		{testapp.SDO, 5, 1, 1, 2, 1, (5 + 1 + 4) / 3.0, 4, 2},
		// A station sees the experience of its own station only.
		{testapp.StationA, 2, 0, 0, 1, 0, 3, 3, 1},
		{testapp.StationB, 1, 0, 0, 0, 0, 4, 5, 1},
		// 23:59 on 9 June belongs to the week before.
		{testapp.OtherSP, 1, 0, 0, 1, 0, 1, 5, 1},
		{testapp.IG, 7, 1, 1, 3, 1, (5 + 1 + 4 + 3 + 1) / 5.0, (3 + 5 + 5) / 3.0, 4},
	}
	for _, c := range cases {
		t.Run(c.email, func(t *testing.T) {
			o := officer(t, app, c.email)
			d, err := digest.Build(app, o, d0, now)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{d.Total.Responses, d.Total.Complaints, d.Total.Tips, d.Total.Flagged, d.Total.Urgent, len(d.Stations)}
			want := []any{c.responses, c.complaints, c.tips, c.flagged, c.urgent, c.stations}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("responses, complaints, tips, flagged, urgent, stations = %v, want %v", got, want)
			}
			if fmt.Sprintf("%.2f %.2f", d.Total.Average(), d.Week.Average()) != fmt.Sprintf("%.2f %.2f", c.average, c.week) {
				t.Fatalf("average %.2f (week %.2f), want %.2f (%.2f)", d.Total.Average(), d.Week.Average(), c.average, c.week)
			}
			if len(d.Flagged) != c.flagged {
				t.Fatalf("%d flagged items listed, want %d", len(d.Flagged), c.flagged)
			}
			// The day's total is what the database holds for the officer's unit.
			if n := countInDB(t, app, o, d0); n != c.responses {
				t.Fatalf("the database holds %d items of the day for %s, the digest says %d", n, c.email, c.responses)
			}
		})
	}
}

// countInDB counts the officer's items of a day straight from the table, as "who sees what"
// says (a station its experience items, the others their area's), not through the digest.
func countInDB(t *testing.T, app core.App, officer *core.Record, d digest.Day) int {
	t.Helper()
	unit := dbx.HashExp{officer.GetString("role"): officer.GetString("area")}
	if officer.GetString("role") == schema.RoleStation {
		unit = dbx.HashExp{"station": officer.GetString("station"), "kind": schema.KindExperience}
	}
	var n int
	err := app.DB().Select("count(*)").From(schema.Feedback).Where(unit).
		AndWhere(dbx.NewExp("created >= {:from} AND created < {:to} AND status != 'spam'",
			dbx.Params{"from": d.Start.UTC().Format(types.DefaultDateLayout), "to": d.End.UTC().Format(types.DefaultDateLayout)})).Row(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDayBoundariesAreMidnightInTheDistrictsTimeZone(t *testing.T) {
	app, f := testapp.New(t)
	late := addItem(t, app, f, item{"st-c", schema.KindExperience, 4, nil, "", at(day, 23, 59), "late"})
	early := addItem(t, app, f, item{"st-c", schema.KindExperience, 2, nil, "", at("2025-06-11", 0, 1), "early"})
	sp := officer(t, app, testapp.OtherSP)
	for date, want := range map[string]string{day: late, "2025-06-11": early} {
		d0, err := digest.DayOf(date, ist)
		if err != nil {
			t.Fatal(err)
		}
		d, err := digest.Build(app, sp, d0, at("2025-06-12", 8, 0))
		if err != nil {
			t.Fatal(err)
		}
		if d.Total.Responses != 1 || d.Total.RatingSum != map[string]float64{late: 4, early: 2}[want] {
			t.Fatalf("%s: %d responses, rating sum %v; want only item %s", date, d.Total.Responses, d.Total.RatingSum, want)
		}
	}
}

func TestQuietStationsAndOverdueItems(t *testing.T) {
	app, f := testapp.New(t)
	ids := seedDay(t, app, f)
	d0, _ := digest.DayOf(day, ist)
	// Review within one day: the day's new items are due by the end of the next day, whatever
	// their hour, and all are overdue from the start of the day after.
	d, err := digest.Build(app, officer(t, app, testapp.SP), d0, at("2025-06-11", 23, 59))
	if err != nil {
		t.Fatal(err)
	}
	if d.OverdueReview != 0 || d.OverdueAny != 0 {
		t.Fatalf("overdue on the next day: review %d, any %d; want none", d.OverdueReview, d.OverdueAny)
	}
	d, err = digest.Build(app, officer(t, app, testapp.SP), d0, at("2025-06-12", 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, it := range d.Overdue {
		listed = append(listed, it.ID)
	}
	slices.Sort(listed)
	// a-good (5★) and b-late (4★) are praise: they need no action, so they are never overdue
	want := []string{ids["a-bad"], ids["a-complaint"], ids["a-tip"], ids["d-early"]}
	slices.Sort(want)
	if d.OverdueReview != len(want) || d.OverdueAction != 0 || !slices.Equal(listed, want) {
		t.Fatalf("overdue two days after: review %d, action %d, listed %v; want the day's four new items that need action (00:01 to 23:59 alike)",
			d.OverdueReview, d.OverdueAction, listed)
	}
	// A month from now every item still open that needs action (the seeded ones and the
	// fixture's; not praise) is overdue.
	later := time.Now().AddDate(0, 1, 0)
	d, err = digest.Build(app, officer(t, app, testapp.SP), d0, later)
	if err != nil {
		t.Fatal(err)
	}
	var open int
	if err := app.DB().Select("count(*)").From(schema.Feedback).
		Where(dbx.And(dbx.HashExp{"district": f.Areas["d1"], "status": []any{schema.StatusNew, schema.StatusInReview}}, deadlines.NeedsAction(""))).Row(&open); err != nil {
		t.Fatal(err)
	}
	if d.OverdueAction != open || d.OverdueAny != open || len(d.Overdue) != open {
		t.Fatalf("overdue for action %d (any %d, listed %d), want every open item of d1: %d", d.OverdueAction, d.OverdueAny, len(d.Overdue), open)
	}
	// st-off is inactive; st-a, st-b and st-d had feedback that day: nobody is quiet.
	if len(d.Quiet) != 0 {
		t.Fatalf("quiet stations %+v, want none", d.Quiet)
	}
	// A week later with nothing new, every active station of d1 is quiet.
	d1, _ := digest.DayOf("2025-06-20", ist)
	d, err = digest.Build(app, officer(t, app, testapp.SP), d1, later)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range d.Quiet {
		names = append(names, s.Code)
	}
	if strings.Join(names, ",") != "st-a,st-b,st-d" {
		t.Fatalf("quiet stations %v, want st-a, st-b, st-d", names)
	}
}
