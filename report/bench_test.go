package report_test

import (
	"io"
	"net/url"
	"testing"
	"time"

	"anubhav/poster"
	"anubhav/report"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
)

// The monthly report of a district of 500 stations (25 sub-divisions) holding 1,000,000
// items over a year, and of one sub-division and one station of it: built (a dashboard
// assessment per unit, its comments and actions) and rendered. The data set is generated on
// the first run only (see bulkdata); this runs only with -bench:
//
//	GOTOOLCHAIN=auto go test ./report/ -run '^$' -bench Report -benchtime 3x
func BenchmarkReport(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365})
	fonts, err := poster.Fonts(app)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	month := now.AddDate(0, -1, 0).Format("2006-01")
	for _, v := range []struct{ name, role string }{
		{"district", schema.RoleDistrict}, {"subdivision", schema.RoleSubdivision}, {"station", schema.RoleStation},
	} {
		officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[v.role])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(v.name, func(b *testing.B) {
			var r *report.Report
			for b.Loop() {
				if r, err = report.Build(app, officer, url.Values{"month": {month}}, now); err != nil {
					b.Fatal(err)
				}
				if err := r.Render(io.Discard, fonts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(r.Sections)), "units")
			b.ReportMetric(float64(r.Compare[0].Totals.Responses), "responses")
		})
	}
}
