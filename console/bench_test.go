package console_test

import (
	"testing"
	"time"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
)

// The console's list and item on a district of 500 stations holding 1,000,000 items
// (DESIGN.md's budget: 100 ms). The data set is generated on the first run only (see
// bulkdata); these run only with -bench:
//
//	GOTOOLCHAIN=auto go test ./console/ -run '^$' -bench . -benchtime 10x
var bulk = bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365}

// BenchmarkInbox lists the first page (50 items, counts, pinned urgent items) for one
// officer per role under each kind of filter, and the next page.
func BenchmarkInbox(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulk)
	// the clone got this package's indexes from its migration; let the planner know them
	if _, err := app.DB().NewQuery("ANALYZE").Execute(); err != nil {
		b.Fatal(err)
	}
	today := time.Now().Format(time.DateOnly)
	monthAgo := time.Now().AddDate(0, -1, 0).Format(time.DateOnly)
	filters := []struct {
		name string
		f    console.Filter
	}{
		{"newest", console.Filter{}},
		{"open", console.Filter{Status: console.StatusOpen}},
		{"closed", console.Filter{Status: schema.StatusClosed}},
		{"one_station", console.Filter{Station: ds.Stations[0]}},
		{"last_month", console.Filter{From: monthAgo, To: today}},
		{"complaints", console.Filter{Kind: schema.KindComplaint}},
		{"rating_1", console.Filter{Rating: 1}},
		{"burst_none_there", console.Filter{Flag: schema.FlagBurst}}, // reads the whole scan window
		{"words", console.Filter{Words: "रिश्वत"}},
		{"escalated", console.Filter{Escalated: true}},
		{"overdue", console.Filter{Overdue: true}},
		{"mine", console.Filter{Mine: true}},
	}
	for _, role := range []string{schema.RoleDistrict, schema.RoleRange, schema.RoleSubdivision, schema.RoleStation} {
		officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[role])
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range filters {
			b.Run(role+"/"+c.name, func(b *testing.B) {
				var page *console.Page
				for b.Loop() {
					if page, err = console.List(app, officer, c.f); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(page.Items)), "items")
			})
		}
		b.Run(role+"/next_page", func(b *testing.B) {
			first, err := console.List(app, officer, console.Filter{})
			if err != nil || first.Next == "" {
				b.Fatalf("first page: %v, next %q", err, first.Next)
			}
			for b.Loop() {
				if _, err := console.List(app, officer, console.Filter{After: first.Next}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkItem opens one item (answers labelled, contact, thread, assignable officers) as
// the district officer.
func BenchmarkItem(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulk)
	officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[schema.RoleDistrict])
	if err != nil {
		b.Fatal(err)
	}
	page, err := console.List(app, officer, console.Filter{Status: schema.StatusNew})
	if err != nil || len(page.Items) == 0 {
		b.Fatalf("no item to open: %v", err)
	}
	for b.Loop() {
		if _, err := console.Item(app, officer, page.Items[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}
