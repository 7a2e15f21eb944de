package dashboard_test

import (
	"net/url"
	"testing"
	"time"

	"anubhav/dashboard"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
)

// The dashboard on a district of 500 stations holding 1,000,000 items (DESIGN.md's budget:
// 100 ms), and with ANUBHAV_BENCH_STATE=1 on a state of 1,500 stations in 75 districts
// holding 10,000,000 (300 ms), or on any shape with ANUBHAV_BENCH_SHAPE (bulkdata.Chosen).
// The data set is generated on the first run only (see bulkdata); these run only with -bench:
//
//	GOTOOLCHAIN=auto go test ./dashboard/ -run '^$' -bench Dashboard -benchtime 10x
//	ANUBHAV_BENCH_STATE=1 GOTOOLCHAIN=auto go test ./dashboard/ -run '^$' -bench Dashboard -benchtime 10x -timeout 2h
func BenchmarkDashboard(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	today := time.Now()
	day := func(n int) string { return today.AddDate(0, 0, -n).Format(time.DateOnly) }
	periods := []struct{ name, from, to string }{
		{"30_days", "", ""},
		{"90_days", day(90), day(1)},
		{"12_months", day(366), day(1)},
	}
	views := []struct {
		name, role string
		query      url.Values
	}{
		{"range", schema.RoleRange, url.Values{}},
		{"district", schema.RoleDistrict, url.Values{}},
		{"subdivision", schema.RoleSubdivision, url.Values{}},
		{"station", schema.RoleStation, url.Values{}},
		{"range_drills_to_a_station", schema.RoleRange, url.Values{"station": {ds.StationCodes[1]}}},
	}
	for _, v := range views {
		officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[v.role])
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range periods {
			q := url.Values{}
			for k, vs := range v.query {
				q[k] = vs
			}
			if p.from != "" {
				q.Set("from", p.from)
				q.Set("to", p.to)
			}
			b.Run(v.name+"/"+p.name, func(b *testing.B) {
				var a *dashboard.Answer
				for b.Loop() {
					if a, err = dashboard.Assess(app, officer, q, today); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(a.Totals.Responses), "responses")
				if a.League != nil {
					b.ReportMetric(float64(len(a.League.Rows)), "rows")
				}
			})
		}
	}
}

// BenchmarkRollupsRebuild rebuilds the rollups of 100,000 items (the rate of `anubhav
// rollups rebuild`).
func BenchmarkRollupsRebuild(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Options{Stations: 100, Subdivisions: 5, Items: 100_000, Days: 365})
	for b.Loop() {
		if err := rollups.Rebuild(app, nil); err != nil {
			b.Fatal(err)
		}
	}
}
