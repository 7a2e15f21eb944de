package replicate_test

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/replicate"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

func TestFolderReplicaRestoresEveryItemAndAnyMoment(t *testing.T) {
	roundTrip(t, &replicate.Config{Folder: filepath.Join(t.TempDir(), "nas"), Interval: 200 * time.Millisecond, FailAfter: time.Minute})
}

// roundTrip replicates a test app's database to cfg's replica while items are written, then
// restores it twice into new folders: as it is now, with every item, and as it was between two
// batches, with the first batch only.
func roundTrip(t *testing.T, cfg *replicate.Config) {
	app, fx := testapp.New(t)
	ctx := context.Background()
	rep, err := replicate.Start(ctx, cfg, app.DataDir(), app.Logger(), func(since time.Time) {
		t.Errorf("replication reported failing since %s", since)
	})
	if err != nil {
		t.Fatal(err)
	}
	write := func(n int) (ids []string) {
		for range n {
			ids = append(ids, testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 4, schema.ChannelQR, time.Now(), nil).Id)
		}
		return ids
	}
	first := write(40)
	caughtUp(t, rep, cfg.Interval)
	between := time.Now()
	time.Sleep(1100 * time.Millisecond) // a restore point falls between two replica files' times
	second := write(15)
	// closing ships what the replica lacks
	if err := rep.Close(ctx); err != nil {
		t.Fatal(err)
	}

	now := filepath.Join(t.TempDir(), "restored")
	if _, err := replicate.Restore(ctx, cfg, now, time.Time{}); err != nil {
		t.Fatal(err)
	}
	assertItems(t, now, first, true)
	assertItems(t, now, second, true)

	then := filepath.Join(t.TempDir(), "restored-then")
	at, err := replicate.Restore(ctx, cfg, then, between)
	if err != nil {
		t.Fatal(err)
	}
	if !at.Equal(between) {
		t.Errorf("restored to %s, asked for %s", at, between)
	}
	assertItems(t, then, first, true)
	assertItems(t, then, second, false)

	if _, err := replicate.Restore(ctx, cfg, now, time.Time{}); err == nil {
		t.Error("a restore over a folder that holds a database went ahead")
	}
}

// caughtUp waits until the replica has every change written so far: Litestream stages the
// WAL once per interval, so the staged position is current only after one has passed.
func caughtUp(t *testing.T, rep *replicate.Replicator, interval time.Duration) {
	t.Helper()
	time.Sleep(2 * interval)
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := rep.Status()
		if s.Local > 0 && s.Replica == s.Local && s.Lag == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replica did not catch up: %+v", s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// assertItems checks that the items are in the restored data folder, or are not.
func assertItems(t *testing.T, dir string, ids []string, want bool) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, replicate.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, id := range ids {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM "+schema.Feedback+" WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if (n == 1) != want {
			t.Fatalf("item %s in %s: %d rows, want present=%v", id, dir, n, want)
		}
	}
}

// A replica that cannot be written (here: its folder's parent is a file; in life a NAS gone or
// a full disk) falls behind: reported once, with the time of the oldest change it lacks, and
// failing until it has caught up again.
func TestAReplicaThatFallsBehindIsReportedOnceAndRecovers(t *testing.T) {
	app, fx := testapp.New(t)
	blocker := filepath.Join(t.TempDir(), "nas")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := &replicate.Config{Folder: filepath.Join(blocker, "anubhav"), Interval: 100 * time.Millisecond, FailAfter: time.Second}
	var mu sync.Mutex
	var reports []time.Time
	rep, err := replicate.Start(context.Background(), cfg, app.DataDir(), app.Logger(), func(since time.Time) {
		mu.Lock()
		reports = append(reports, since)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close(context.Background())
	wrote := time.Now()
	testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 4, schema.ChannelQR, wrote, nil)
	deadline := time.Now().Add(10 * time.Second)
	for !rep.Status().Failing {
		if time.Now().After(deadline) {
			t.Fatalf("the replica never counted as failing: %+v", rep.Status())
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // still behind: no second report
	mu.Lock()
	if len(reports) != 1 || reports[0].Before(wrote.Add(-2*time.Second)) || reports[0].After(wrote.Add(time.Second)) {
		t.Errorf("reports %v, want one near %s", reports, wrote)
	}
	mu.Unlock()

	// the health endpoint tells anyone that it is behind, and a superuser by how much and where
	srv := testapp.Serve(t, app)
	replicate.Register(app, rep)
	health := func(token string) (int, replicate.Health) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/health/replication", nil)
		req.Header.Set("Authorization", token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var h replicate.Health
		if err := json.NewDecoder(res.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, h
	}
	if code, h := health(""); code != http.StatusServiceUnavailable || h.State != "behind" || h.Lag != nil || h.Replica != "" {
		t.Errorf("public health while behind: %d %+v", code, h)
	}
	if code, h := health(fx.Tokens[testapp.SP]); code != http.StatusServiceUnavailable || h.Lag != nil || h.Replica != "" {
		t.Errorf("an officer's health while behind: %d %+v", code, h)
	}
	if code, h := health(fx.Tokens[testapp.Superuser]); code != http.StatusServiceUnavailable || h.Lag == nil || *h.Lag < 1 || h.Replica != cfg.Folder {
		t.Errorf("a superuser's health while behind: %d %+v", code, h)
	}

	// the NAS is back: the replica catches up, and is no longer failing
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(30 * time.Second)
	for s := rep.Status(); s.Failing || s.Lag > 0; s = rep.Status() {
		if time.Now().After(deadline) {
			t.Fatalf("the replica did not catch up once writable: %+v", s)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, h := health(""); code != http.StatusOK || h.State != "ok" {
		t.Errorf("public health once caught up: %d %+v", code, h)
	}
}

// PocketBase's backups leave out Litestream's staging (a compressed copy of the database).
func TestBackupsLeaveTheStagingOut(t *testing.T) {
	app, fx := testapp.New(t)
	cfg := &replicate.Config{Folder: filepath.Join(t.TempDir(), "nas"), Interval: 100 * time.Millisecond, FailAfter: time.Minute}
	rep, err := replicate.Start(context.Background(), cfg, app.DataDir(), app.Logger(), func(time.Time) {})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close(context.Background())
	testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 4, schema.ChannelQR, time.Now(), nil)
	caughtUp(t, rep, cfg.Interval)
	if _, err := os.Stat(filepath.Join(app.DataDir(), replicate.StagingDir)); err != nil {
		t.Fatalf("no staging to leave out: %v", err)
	}
	if err := app.CreateBackup(context.Background(), "nightly.zip"); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(filepath.Join(app.DataDir(), core.LocalBackupsDirName, "nightly.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
		if strings.HasPrefix(f.Name, replicate.StagingDir) {
			t.Errorf("the backup holds %s", f.Name)
		}
	}
	if !slices.Contains(names, replicate.DBFile) {
		t.Errorf("the backup lacks the database: %v", names)
	}
}
