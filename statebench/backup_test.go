package statebench_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/archive"

	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
)

// BenchmarkBackup makes PocketBase's own backup of the data set (app.CreateBackup: VACUUM INTO
// a copy, then a zip of the folder), and restores it as app.RestoreBackup does up to the point
// where it restarts the process (which a benchmark cannot survive): the zip unpacked into a new
// folder with PocketBase's own archive.Extract, then that folder opened as a starting process
// opens it (bootstrap, migrations checked). With ANUBHAV_BENCH_BINARY set, the built binary's
// `serve` on the restored folder is timed too, from start until /api/health answers. Then the
// restored folder is checked: every item and the receipt key are there.
func BenchmarkBackup(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Chosen(b))
	if _, err := receipt.Key(app); err != nil { // made on first use: the backup must hold it
		b.Fatal(err)
	}
	var items, restored int
	if err := app.DB().Select("count(*)").From(schema.Feedback).Row(&items); err != nil {
		b.Fatal(err)
	}
	folder := folderSizes(b, app.DataDir())["folder"]
	zip := filepath.Join(app.DataDir(), core.LocalBackupsDirName, "state.zip")
	var backup, unzip, open, serve time.Duration
	var zipped int64
	for b.Loop() {
		t0 := time.Now()
		if err := app.CreateBackup(context.Background(), "state.zip"); err != nil {
			b.Fatal(err)
		}
		backup = time.Since(t0)
		info, err := os.Stat(zip)
		if err != nil {
			b.Fatal(err)
		}
		zipped = info.Size()

		to, err := os.MkdirTemp("", "anubhav-restore-")
		if err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		if err := archive.Extract(zip, to); err != nil {
			b.Fatal(err)
		}
		unzip = time.Since(t0)
		t0 = time.Now()
		again := core.NewBaseApp(core.BaseAppConfig{DataDir: to})
		if err := again.Bootstrap(); err != nil {
			b.Fatal(err)
		}
		if err := again.RunAllMigrations(); err != nil {
			b.Fatal(err)
		}
		open = time.Since(t0)
		if err := again.DB().Select("count(*)").From(schema.Feedback).Row(&restored); err != nil {
			b.Fatal(err)
		}
		if err := again.ClearBootstrap(); err != nil {
			b.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(to, receipt.KeyFile)); err != nil {
			b.Fatalf("the restored folder has no receipt key: %v", err)
		}
		if bin := os.Getenv(binaryEnv); bin != "" {
			t0 = time.Now()
			srv := start(b, bin, to)
			serve = time.Since(t0)
			srv.stop()
		}
		if err := os.RemoveAll(to); err != nil {
			b.Fatal(err)
		}
	}
	if restored != items {
		b.Fatalf("the restored folder holds %d items of %d", restored, items)
	}
	b.ReportMetric(float64(folder)/(1<<20), "folder-MB")
	b.ReportMetric(float64(zipped)/(1<<20), "zip-MB")
	b.ReportMetric(backup.Seconds(), "backup-s")
	b.ReportMetric(unzip.Seconds(), "restore-unzip-s")
	b.ReportMetric(open.Seconds(), "restore-open-s")
	if serve > 0 {
		b.ReportMetric(serve.Seconds(), "restore-serve-s")
	}
}
