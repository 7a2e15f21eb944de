package bulkdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/hooks"
	_ "anubhav/migrations"
	"anubhav/testkit/testapp"
)

// NewApp returns a test app holding a data set of the given size (Now and Seed are set
// here). The data set is generated once per day and size into the temp dir, and each call
// works on a clone of it, so a benchmark pays for generation only on its first run.
func NewApp(tb testing.TB, opt Options) (*tests.TestApp, *Dataset) {
	tb.Helper()
	dir, ds := Dir(tb, opt)
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(app.Cleanup)
	hooks.Bind(app, os.DirFS(testapp.Public()))
	return app, ds
}

// Dir returns the data folder of a data set of the given size, generated first if need be,
// as NewApp clones it. Only read it: every other benchmark of the day clones it.
func Dir(tb testing.TB, opt Options) (string, *Dataset) {
	tb.Helper()
	today := benchDay(tb)
	opt.Now, opt.Seed = today.Add(12*time.Hour), 1
	// The schema is part of the key: a set made before a new migration would otherwise have
	// the migration (new indexes on a million rows) applied again on every clone.
	migrations := core.AppMigrations.Items()
	schemaVersion := migrations[len(migrations)-1].File
	if v := os.Getenv("ANUBHAV_BENCH_SCHEMA"); v != "" {
		// a set made before later migrations, which each clone then runs (cheap ones only: a
		// state's set takes 40 minutes to make again)
		schemaVersion = v
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("anubhav-bulk-%s-%d-%d-%d-%d-%s", today.Format("20060102"),
		opt.Stations, opt.Subdivisions, max(opt.Districts, 1), opt.Items, strings.TrimSuffix(schemaVersion, ".go")))
	ds, err := loadOrBuild(dir, opt)
	if err != nil {
		tb.Fatalf("bulk data set in %s: %v", dir, err)
	}
	return dir, ds
}

// benchDay is the day a data set is made for: today (UTC), or the day ANUBHAV_BENCH_DAY names
// (YYYY-MM-DD), so that a state generated for an hour before midnight still serves the
// benchmarks run after it.
func benchDay(tb testing.TB) time.Time {
	tb.Helper()
	v := os.Getenv("ANUBHAV_BENCH_DAY")
	if v == "" {
		return time.Now().UTC().Truncate(24 * time.Hour)
	}
	day, err := time.Parse(time.DateOnly, v)
	if err != nil {
		tb.Fatalf("ANUBHAV_BENCH_DAY=%q: want a day as YYYY-MM-DD", v)
	}
	return day
}

const doneMarker = "bulkdata.done"

func loadOrBuild(dir string, opt Options) (*Dataset, error) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if _, err := os.Stat(filepath.Join(dir, doneMarker)); err == nil {
		if err := app.Bootstrap(); err != nil {
			return nil, err
		}
		defer app.ClearBootstrap()
		return describe(app)
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	defer app.ClearBootstrap()
	if err := testapp.Migrate(app); err != nil {
		return nil, err
	}
	hooks.Bind(app, os.DirFS(testapp.Public()))
	ds, err := Build(app, opt)
	if err != nil {
		return nil, err
	}
	return ds, os.WriteFile(filepath.Join(dir, doneMarker), nil, 0o644)
}

// describe reads the names of a data set generated earlier.
func describe(app core.App) (*Dataset, error) {
	ds := &Dataset{Officers: map[string]string{}}
	var areas []struct{ Id, Kind string }
	if err := app.DB().Select("id", "kind").From("areas").Where(dbx.Like("code", "bulk-")).OrderBy("rowid").All(&areas); err != nil {
		return nil, err
	}
	for _, a := range areas {
		switch a.Kind {
		case "range":
			ds.Range = a.Id
		case "district":
			ds.Districts = append(ds.Districts, a.Id)
		default:
			ds.Subdivisions = append(ds.Subdivisions, a.Id)
		}
	}
	ds.District = ds.Districts[0]
	var stations []struct{ Id, Code string }
	if err := app.DB().Select("id", "code").From("stations").Where(dbx.Like("code", "bulk-st-")).OrderBy("rowid").All(&stations); err != nil {
		return nil, err
	}
	for _, s := range stations {
		ds.Stations = append(ds.Stations, s.Id)
		ds.StationCodes = append(ds.StationCodes, s.Code)
	}
	var officers []struct{ Email, Role string }
	if err := app.DB().Select("email", "role").From("officers").Where(dbx.Like("email", "@bulk.local")).All(&officers); err != nil {
		return nil, err
	}
	for _, o := range officers {
		ds.Officers[o.Role] = o.Email
	}
	return ds, nil
}
