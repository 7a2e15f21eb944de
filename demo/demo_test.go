package demo_test

import (
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/demo"
	"anubhav/hooks"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// Two data dirs per test binary: one just migrated, one with the demo seeded into it (as
// `anubhav demo` does). Each test works on a clone.
var (
	once      sync.Once
	emptyDir  string
	seededDir string
	seeded    *demo.Result
	setupErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	os.RemoveAll(emptyDir)
	os.RemoveAll(seededDir)
	os.Exit(code)
}

func setup(t testing.TB) {
	t.Helper()
	once.Do(func() {
		if emptyDir, setupErr = os.MkdirTemp("", "anubhav_demo_"); setupErr != nil {
			return
		}
		if setupErr = withApp(emptyDir, testapp.Migrate); setupErr != nil {
			return
		}
		if seededDir, setupErr = tests.TempDirClone(emptyDir); setupErr != nil {
			return
		}
		setupErr = withApp(seededDir, func(app core.App) (err error) {
			hooks.Bind(app, os.DirFS(testapp.Public()))
			seeded, err = demo.Seed(app, nil)
			return err
		})
	})
	if setupErr != nil {
		t.Fatalf("seeding the demo: %v", setupErr)
	}
}

func withApp(dir string, fn func(core.App) error) error {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err := app.Bootstrap(); err != nil {
		return err
	}
	defer app.ClearBootstrap()
	return fn(app)
}

// seededApp is a test app holding the seeded demo, with every hook bound.
func seededApp(t testing.TB) *tests.TestApp {
	t.Helper()
	setup(t)
	return cloneOf(t, seededDir)
}

func cloneOf(t testing.TB, dir string) *tests.TestApp {
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err != nil {
		t.Fatal(err)
	}
	hooks.Bind(app, os.DirFS(testapp.Public()))
	return app
}

// everything is the whole of what the demo writes, row by row.
var everything = []string{
	"SELECT * FROM areas ORDER BY id", "SELECT * FROM stations ORDER BY id", "SELECT * FROM officers ORDER BY id",
	"SELECT * FROM _superusers ORDER BY id", "SELECT * FROM feedback ORDER BY id", "SELECT * FROM contacts ORDER BY id",
	"SELECT * FROM followups ORDER BY id", "SELECT * FROM config ORDER BY id", "SELECT * FROM outbox ORDER BY id",
	"SELECT value FROM _params WHERE id = 'settings'",
}

func TestSeedingTwiceChangesNothing(t *testing.T) {
	app := seededApp(t)
	defer app.Cleanup()
	before := testapp.Dump(t, app, everything...)

	res, err := demo.Seed(app, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.ItemsAdded != 0 || res.Areas.Created+res.Areas.Updated != 0 || res.Stations.Created+res.Stations.Updated != 0 {
		t.Errorf("second run added or changed rows: %+v", res)
	}
	if after := testapp.Dump(t, app, everything...); after != before {
		t.Error("the second run changed the database")
	}
	if len(res.Logins) != len(seeded.Logins) || len(res.Receipts) != len(seeded.Receipts) {
		t.Errorf("the second run prints other logins or receipts: %+v", res)
	}
}

func TestSeedingDrawsTheSameItemsEachTime(t *testing.T) {
	setup(t)
	fresh := cloneOf(t, emptyDir)
	defer fresh.Cleanup()
	if _, err := demo.Seed(fresh, nil); err != nil {
		t.Fatal(err)
	}
	app := seededApp(t)
	defer app.Cleanup()
	// Today's items depend on the time of day the seeding ran; older ones may not differ.
	q := "SELECT s.code, f.kind, f.rating, f.comment, f.answers, f.status, f.channel, f.flags FROM feedback f" +
		" JOIN stations s ON s.id = f.station WHERE f.created < date('now', '-1 day') ORDER BY f.created, s.code"
	if a, b := testapp.Dump(t, fresh, q), testapp.Dump(t, app, q); a != b || a == "" {
		t.Error("two seedings drew different items")
	}
}

func count(t *testing.T, app core.App, collection string, where ...dbx.Expression) int {
	t.Helper()
	n, err := app.CountRecords(collection, where...)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestSeedingFillsTheRange(t *testing.T) {
	app := seededApp(t)
	defer app.Cleanup()

	if n := count(t, app, schema.Areas); n != 14 {
		t.Errorf("%d areas, want the 14 of the Durg range", n)
	}
	if n := count(t, app, schema.Stations, dbx.HashExp{"active": true}); n != 42 {
		t.Errorf("%d active stations, want the 42 of the Durg range", n)
	}
	items := count(t, app, schema.Feedback)
	if items < 300 || items > 900 || items != seeded.ItemsAdded {
		t.Errorf("%d items (reported %d), want some hundreds", items, seeded.ItemsAdded)
	}
	for _, role := range schema.Roles {
		if count(t, app, schema.Officers, dbx.HashExp{"role": role}) == 0 {
			t.Errorf("no demo officer of role %s", role)
		}
	}
	if n := count(t, app, schema.Feedback, dbx.Or(dbx.HashExp{"district": ""}, dbx.HashExp{"range": ""})); n != 0 {
		t.Errorf("%d items without their district or range (the hooks were not run)", n)
	}

	type share struct {
		name        string
		where       string
		of          string
		least, most float64
	}
	for _, s := range []share{
		{"rated 4 or 5", "rating >= 4", "kind = 'experience'", 0.55, 0.9},
		{"rated 1 or 2", "rating BETWEEN 1 AND 2", "kind = 'experience'", 0.05, 0.3},
		{"experiences", "kind = 'experience'", "1", 0.75, 0.95},
		{"complaints", "kind = 'complaint'", "1", 0.02, 0.15},
		{"tip-offs", "kind = 'tip'", "1", 0.01, 0.1},
		{"by QR", "channel = 'qr'", "1", 0.7, 0.95},
		{"in Hindi", "lang = 'hi'", "1", 0.4, 0.8},
		{"closed or acted on, of those older than two weeks", "status IN ('closed', 'action_taken')",
			"created < datetime('now', '-14 days')", 0.8, 1},
		{"new or in review, of those of the last day", "status IN ('new', 'in_review')",
			"created > datetime('now', '-1 day')", 1, 1},
		{"flagged negative, of those rated 1 or 2", "flags LIKE '%negative%'", "rating BETWEEN 1 AND 2", 1, 1},
		{"flagged urgent, of the complaints of money or a report not written", "flags LIKE '%urgent%'",
			"kind = 'complaint' AND json_extract(answers, '$.complaint_about') IN ('bribe', 'no_action')", 1, 1},
		{"flagged urgent, of the other complaints (by an urgent word only)", "flags LIKE '%urgent%'",
			"kind = 'complaint' AND json_extract(answers, '$.complaint_about') NOT IN ('bribe', 'no_action')", 0, 0.99},
		{"with a receipt", "receipt_hash != ''", "1", 0.001, 0.02},
	} {
		var part, whole int
		app.DB().NewQuery("SELECT COUNT(*) FROM feedback WHERE (" + s.of + ") AND (" + s.where + ")").Row(&part)
		app.DB().NewQuery("SELECT COUNT(*) FROM feedback WHERE " + s.of).Row(&whole)
		if whole == 0 || float64(part)/float64(whole) < s.least || float64(part)/float64(whole) > s.most {
			t.Errorf("%s: %d of %d, want a share in [%.2f, %.2f]", s.name, part, whole, s.least, s.most)
		}
	}

	var oldest, newest string
	app.DB().NewQuery("SELECT MIN(created), MAX(created) FROM feedback").Row(&oldest, &newest)
	if oldest < time.Now().AddDate(0, 0, -61).UTC().Format(time.DateOnly) || newest > time.Now().UTC().Format(time.DateTime) {
		t.Errorf("items from %s to %s, want the last 60 days", oldest, newest)
	}
	if n := count(t, app, schema.Contacts, dbx.HashExp{"consent": false}); n != 0 {
		t.Errorf("%d contacts without consent", n)
	}
	if count(t, app, schema.Contacts) == 0 {
		t.Error("no citizen left a contact")
	}
	for _, kind := range schema.FollowupKinds {
		if count(t, app, schema.Followups, dbx.HashExp{"kind": kind}) == 0 {
			t.Errorf("no follow-up of kind %s", kind)
		}
	}
	if count(t, app, schema.Followups, dbx.HashExp{"public": true}) == 0 {
		t.Error("no public reply")
	}
	// A complaint is never handed to the station it is about.
	var handedToStation int
	app.DB().NewQuery("SELECT COUNT(*) FROM feedback f JOIN officers o ON o.id = f.assigned_to" +
		" WHERE f.kind != 'experience' AND o.role = 'station'").Row(&handedToStation)
	if handedToStation != 0 {
		t.Errorf("%d complaints or tip-offs assigned to a station officer", handedToStation)
	}
	if n := count(t, app, "outbox"); n != 0 {
		t.Errorf("%d messages queued about demo items", n)
	}

	cfg := app.Settings()
	if cfg.Meta.AppURL != "http://127.0.0.1:8090" {
		t.Errorf("App URL %q", cfg.Meta.AppURL)
	}
	row, _ := app.FindFirstRecordByFilter(schema.Config, "")
	if row.GetString("district_name") != "Durg Range Police" || row.GetString("district_name_hi") != "दुर्ग रेंज पुलिस" {
		t.Errorf("district names %q / %q", row.GetString("district_name"), row.GetString("district_name_hi"))
	}

	var out strings.Builder
	seeded.Print(&out)
	for _, l := range seeded.Logins {
		if !strings.Contains(out.String(), l.Email) {
			t.Errorf("login %s is not printed", l.Email)
		}
	}
	if !strings.Contains(out.String(), demo.Password) || !strings.Contains(out.String(), demo.SuperuserEmail) {
		t.Errorf("the password or the superuser is not printed:\n%s", out.String())
	}
}

func TestEveryDemoLoginWorks(t *testing.T) {
	setup(t)
	for _, l := range seeded.Logins {
		collection := schema.Officers
		if l.Email == demo.SuperuserEmail {
			collection = core.CollectionNameSuperusers
		}
		(&tests.ApiScenario{
			Name:            l.Email,
			Method:          http.MethodPost,
			URL:             "/api/collections/" + collection + "/auth-with-password",
			Body:            strings.NewReader(`{"identity":"` + l.Email + `","password":"` + demo.Password + `"}`),
			Headers:         map[string]string{"Content-Type": "application/json"},
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"token":`, `"email":"` + l.Email + `"`},
			TestAppFactory:  func(t testing.TB) *tests.TestApp { return seededApp(t) },
		}).Test(t)
	}
}

func TestDemoReceiptsCanBeTracked(t *testing.T) {
	setup(t)
	if len(seeded.Receipts) == 0 {
		t.Fatal("no demo receipts printed")
	}
	for _, r := range seeded.Receipts {
		(&tests.ApiScenario{
			Name:            r,
			Method:          http.MethodGet,
			URL:             "/api/track/" + r,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"status":`, `"replies":[{`},
			TestAppFactory:  func(t testing.TB) *tests.TestApp { return seededApp(t) },
		}).Test(t)
	}
}
