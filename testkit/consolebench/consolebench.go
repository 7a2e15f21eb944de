// Package consolebench holds the console's benchmark scenarios (the inbox and an item, as
// each role sees them), run on whichever bulk data set a benchmark was given.
package consolebench

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
)

var roles = []string{schema.RoleDistrict, schema.RoleRange, schema.RoleSubdivision, schema.RoleStation}

// Inbox lists the first page (50 items, counts, pinned urgent items) for one officer per role
// under each kind of filter, and the next page.
func Inbox(b *testing.B, app core.App, ds *bulkdata.Dataset) {
	// the clone got the console's indexes from its migration; let the planner know them
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
	for _, role := range roles {
		officer := Officer(b, app, ds, role)
		for _, c := range filters {
			b.Run(role+"/"+c.name, func(b *testing.B) {
				var page *console.Page
				var err error
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

// Item opens one item (answers labelled, contact, thread, assignable officers) as each role's
// officer: the newest new item of its inbox.
func Item(b *testing.B, app core.App, ds *bulkdata.Dataset) {
	for _, role := range roles {
		officer := Officer(b, app, ds, role)
		b.Run(role, func(b *testing.B) {
			page, err := console.List(app, officer, console.Filter{Status: schema.StatusNew})
			if err != nil || len(page.Items) == 0 {
				b.Fatalf("no item to open: %v", err)
			}
			for b.Loop() {
				if _, err := console.Item(app, officer, page.Items[0].ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Officer is the data set's officer of a role.
func Officer(b *testing.B, app core.App, ds *bulkdata.Dataset, role string) *core.Record {
	officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[role])
	if err != nil {
		b.Fatal(err)
	}
	return officer
}
