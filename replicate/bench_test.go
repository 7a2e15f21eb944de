package replicate_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"anubhav/replicate"
	"anubhav/testkit/bulkdata"
)

// BenchmarkRestoreMillion measures the recovery time: a district's database of 1,000,000 items
// (testkit/bulkdata, the same data set as the dashboard's and digest's benchmarks) is
// replicated to a folder (the first replication: a full snapshot), then restored from it into a
// new data folder, b.N times. Run it as
//
//	go test ./replicate -run '^$' -bench RestoreMillion -benchtime 3x -timeout 60m
func BenchmarkRestoreMillion(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365})
	info, err := os.Stat(filepath.Join(app.DataDir(), replicate.DBFile))
	if err != nil {
		b.Fatal(err)
	}
	cfg := &replicate.Config{Folder: filepath.Join(b.TempDir(), "nas"), Interval: time.Second, FailAfter: time.Hour}
	ctx := context.Background()
	start := time.Now()
	rep, err := replicate.Start(ctx, cfg, app.DataDir(), app.Logger(), func(time.Time) {})
	if err != nil {
		b.Fatal(err)
	}
	for s := rep.Status(); s.Local == 0 || s.Replica < s.Local; s = rep.Status() {
		time.Sleep(100 * time.Millisecond)
	}
	first := time.Since(start)
	if err := rep.Close(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(info.Size())/1e6, "db-MB")
	b.ReportMetric(first.Seconds(), "first-replication-s")

	b.ResetTimer()
	for b.Loop() {
		if _, err := replicate.Restore(ctx, cfg, filepath.Join(b.TempDir(), "restored"), time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "restore-s")
}
