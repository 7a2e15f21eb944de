package stats_test

import (
	"testing"

	"anubhav/stats"
	"anubhav/testkit/bulkdata"
)

// The public page's figures for the last complete month of a district of 500 stations holding
// 1,000,000 items over a year (about 83,000 in the month). The data set is generated on the
// first run only (see bulkdata); this runs only with -bench:
//
//	GOTOOLCHAIN=auto go test ./stats/ -run '^$' -bench PublicMonth -benchtime 10x
func BenchmarkPublicMonth(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365})
	d := stats.District{ID: ds.District, Code: "bulk"}
	month := lastMonth()
	var r *stats.Results
	var err error
	for b.Loop() {
		if r, err = stats.Compute(app, d, month); err != nil {
			b.Fatal(err)
		}
	}
	if r.Total == nil {
		b.Fatal("no district line")
	}
	b.ReportMetric(float64(r.Total.Responses), "responses")
	b.ReportMetric(float64(len(r.Stations)), "shown")
	b.ReportMetric(float64(r.Fewer), "fewer")
}
