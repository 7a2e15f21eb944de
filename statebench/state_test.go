package statebench_test

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
	"anubhav/testkit/consolebench"
	"anubhav/testkit/sidebyside"
)

// Every benchmark here runs on the data set that bulkdata.Chosen names, generated on the first
// run of the day and cloned per benchmark. docs/PERFORMANCE.md has the commands, e.g. on the
// state:
//
//	ANUBHAV_BENCH_STATE=1 GOTOOLCHAIN=auto go test ./statebench/ -run '^$' -bench Submissions -benchtime 1000x -timeout 4h
//	ANUBHAV_BENCH_STATE=1 GOTOOLCHAIN=auto go test ./statebench/ -run '^$' -bench 'Inbox|Item|Digests|Backup|DiskSize' -benchtime 1x -timeout 4h

// BenchmarkSubmissions posts to every station of the data set, beside PocketBase's own create
// of the same row (see sidebyside.New and Measure). The data set is cloned and served once;
// the benchmark's first run (b.N = 1) and its measured one share it. -benchtime Nx sets the
// posts per side and round.
func BenchmarkSubmissions(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	b.Run("every_station", sidebyside.New(b, app, ds.StationCodes).Measure)
}

// BenchmarkInbox: the console's first page under each filter, and the next page, per role
// (see consolebench.Inbox).
func BenchmarkInbox(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	consolebench.Inbox(b, app, ds)
}

// BenchmarkItem: one item as each role's officer opens it (see consolebench.Item).
func BenchmarkItem(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	consolebench.Item(b, app, ds)
}

// BenchmarkDigests builds and renders yesterday's digest for every officer who gets one, one
// after the other as the morning run does (without sending them): the data set's four officers and, as a state would
// have them, one officer for every other station, sub-division and district, added to the
// clone. It reports the officers, the whole run and the slowest officer's digest.
func BenchmarkDigests(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	staffEveryUnit(b, app, ds)
	cfg, err := appconfig.Get(app)
	if err != nil {
		b.Fatal(err)
	}
	// the data set's Now (bulkdata.NewApp): after 18:30 UTC, IST's yesterday would run past
	// its last item
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(12 * time.Hour)
	day := digest.Yesterday(now, cfg.Location)
	officers, err := app.FindAllRecords(schema.Officers, dbx.HashExp{"digest": true})
	if err != nil {
		b.Fatal(err)
	}
	units := 1 + len(ds.Districts) + len(ds.Subdivisions) + len(ds.Stations)
	if len(officers) != units {
		b.Fatalf("%d officers get the digest; want one per unit, %d", len(officers), units)
	}
	var total, slowest time.Duration
	var slowestWho string
	var responses int
	for b.Loop() {
		start := time.Now()
		responses = 0
		for _, o := range officers {
			t0 := time.Now()
			d, err := digest.Build(app, o, day, now)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := digest.Render(d); err != nil {
				b.Fatal(err)
			}
			if took := time.Since(t0); took > slowest {
				slowest, slowestWho = took, o.GetString("role")+" "+o.Email()
			}
			if o.GetString("role") == schema.RoleRange {
				responses = d.Total.Responses
			}
		}
		total = time.Since(start)
	}
	if responses == 0 {
		b.Fatalf("the range officer's digest of %s counts no response", day.Date)
	}
	b.Logf("digest of %s: %d officers in %v; the slowest, %v, is the %s's", day.Date, len(officers), total, slowest, slowestWho)
	b.ReportMetric(float64(len(officers)), "officers")
	b.ReportMetric(float64(responses), "responses")
	b.ReportMetric(total.Seconds(), "total-s")
	b.ReportMetric(float64(slowest.Microseconds())/1000, "slowest-ms")
}

// staffEveryUnit gives every station, sub-division and district of the data set that has no
// officer one who gets the digest, in Hindi and English by turns. They share the data set
// officers' password hash: hashing 1,900 passwords would take minutes and measure nothing.
func staffEveryUnit(b *testing.B, app core.App, ds *bulkdata.Dataset) {
	one, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[schema.RoleStation])
	if err != nil {
		b.Fatal(err)
	}
	hash := one.GetString("password:hash")
	col, err := app.FindCachedCollectionByNameOrId(schema.Officers)
	if err != nil {
		b.Fatal(err)
	}
	type unit struct{ role, field, id string }
	var units []unit
	for _, id := range ds.Stations[1:] {
		units = append(units, unit{schema.RoleStation, "station", id})
	}
	for _, id := range ds.Subdivisions[1:] {
		units = append(units, unit{schema.RoleSubdivision, "area", id})
	}
	for _, id := range ds.Districts[1:] {
		units = append(units, unit{schema.RoleDistrict, "area", id})
	}
	err = app.RunInTransaction(func(tx core.App) error {
		for i, u := range units {
			r := core.NewRecord(col)
			r.Load(map[string]any{"email": fmt.Sprintf("%s-%d@state.local", u.role, i), "name": fmt.Sprintf("Officer %d", i),
				"role": u.role, u.field: u.id, "digest": true, "lang": schema.Langs[i%2]})
			r.SetRaw("password", &core.PasswordFieldValue{Hash: hash})
			r.SetVerified(true)
			if err := tx.Save(r); err != nil {
				return fmt.Errorf("officer of %s %s: %w", u.role, u.id, err)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDiskSize reads back the sizes of the data set's folder as generated: the database,
// its write-ahead log, PocketBase's auxiliary database (logs), and everything in the folder.
func BenchmarkDiskSize(b *testing.B) {
	opt := bulkdata.Chosen(b)
	dir, _ := bulkdata.Dir(b, opt)
	var sizes map[string]int64
	for b.Loop() {
		sizes = folderSizes(b, dir)
	}
	for _, f := range []string{"data.db", "data.db-wal", "auxiliary.db", "auxiliary.db-wal", "folder"} {
		b.ReportMetric(float64(sizes[f])/(1<<20), f+"-MB")
	}
	// a folder still open elsewhere may hold much of the database in its WAL
	b.ReportMetric(float64(sizes["data.db"]+sizes["data.db-wal"])/float64(opt.Items), "db-bytes/item")
}

// folderSizes reads the sizes of a data folder's database files (0 where absent) and of all
// its files ("folder").
func folderSizes(tb testing.TB, dir string) map[string]int64 {
	tb.Helper()
	sizes := map[string]int64{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sizes["folder"] += info.Size()
		if filepath.Dir(path) == dir {
			sizes[d.Name()] = info.Size()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return sizes
}
