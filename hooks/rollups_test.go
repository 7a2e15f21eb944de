package hooks_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// A deployment upgraded to the rollups (items, no rollups) builds them when it starts.
func TestServeBuildsMissingRollups(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	for _, c := range []string{"rollups", "rollup_counts"} {
		if _, err := app.DB().NewQuery("DELETE FROM " + c).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	testapp.Serve(t, app)
	var items int
	if err := app.DB().NewQuery("SELECT coalesce(sum(items), 0) FROM rollups WHERE unit = {:rg}").
		Bind(map[string]any{"rg": fx.Areas["rg"]}).Row(&items); err != nil {
		t.Fatal(err)
	}
	if items != len(fx.Items) {
		t.Errorf("the range counts %d items after start, want %d", items, len(fx.Items))
	}
}

// While the server runs, an item's change waits in the journal for a second at most: the
// folder applies it to the rollups without any reader asking. A write that changes nothing
// counted (an assignment) journals nothing.
func TestServeFoldsTheJournal(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	testapp.Serve(t, app)
	item := testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 4, schema.ChannelQR, time.Now(), nil)
	deadline := time.Now().Add(5 * time.Second)
	for journaled(t, app) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the journal was not folded within 5 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	var items int
	if err := app.DB().NewQuery("SELECT coalesce(sum(items), 0) FROM rollups WHERE unit = {:st}").
		Bind(map[string]any{"st": fx.Stations["st-a"]}).Row(&items); err != nil {
		t.Fatal(err)
	}
	if items != 4 { // the fixture's three and this one
		t.Errorf("st-a counts %d items after the fold, want 4", items)
	}

	item.Set("assigned_to", fx.Officers[testapp.StationA])
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	if n := journaled(t, app); n != 0 {
		t.Errorf("a write that changes nothing counted left %d journal rows", n)
	}
}

func journaled(t *testing.T, app core.App) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery("SELECT count(*) FROM rollup_journal").Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
