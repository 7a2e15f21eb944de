package digest_test

import (
	"testing"
	"time"

	"anubhav/appconfig"
	"anubhav/bulkdata"
	"anubhav/digest"
)

// BenchmarkDistrictDigest builds (and renders) one day's digest of a district of 500
// stations holding 1,000,000 items: DESIGN.md's budget is 2 s. The data set is generated on
// the first run only (see bulkdata); this runs only with -bench.
//
//	GOTOOLCHAIN=auto go test ./digest/ -run '^$' -bench DistrictDigest -benchtime 10x
func BenchmarkDistrictDigest(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365})
	officer, err := app.FindAuthRecordByEmail("officers", ds.Officers["district"])
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	day := digest.Yesterday(now, cfg.Location)
	var d *digest.Digest
	for b.Loop() {
		if d, err = digest.Build(app, officer, day, now); err != nil {
			b.Fatal(err)
		}
		if _, err := digest.Render(d); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if d.Total.Responses == 0 || len(d.Stations) < 400 {
		b.Fatalf("the digest covers %d responses at %d stations; the data set should give ~2,700 at ~500", d.Total.Responses, len(d.Stations))
	}
	b.ReportMetric(float64(d.Total.Responses), "responses")
	b.ReportMetric(float64(d.OverdueAny), "overdue")
}
