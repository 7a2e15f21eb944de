package hooks_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/rollups"
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

// While the server runs, a new item (queued by its insert's trigger) and an item's change
// (in the journal) wait for a second at most: the folder applies them to the rollups without
// any reader asking. A write that changes nothing
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
	if err := app.DB().NewQuery("SELECT (SELECT count(*) FROM rollup_journal) + (SELECT count(*) FROM rollup_created)").Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A new item is queued for the rollups by its insert's trigger, with nothing in the journal;
// until it is folded, its changes journal nothing (the fold reads it as it is then), and its
// delete takes it off the queue. Once folded, a change journals as usual.
func TestNewItemsAreQueuedByTheirInsert(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t) // not served: nothing folds but the test
	queued := func(id string) bool {
		t.Helper()
		var q bool
		if err := app.DB().NewQuery("SELECT EXISTS (SELECT 1 FROM rollup_created WHERE item = {:id})").
			Bind(map[string]any{"id": id}).Row(&q); err != nil {
			t.Fatal(err)
		}
		return q
	}
	if err := rollups.Fold(app); err != nil { // the fixture's items
		t.Fatal(err)
	}
	item := testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 2, schema.ChannelQR, time.Now(), nil)
	gone := testapp.Item(t, app, fx.Stations["st-a"], schema.KindComplaint, 0, schema.ChannelQR, time.Now(), nil)
	if !queued(item.Id) || !queued(gone.Id) || journaled(t, app) != 2 {
		t.Fatalf("new items queued: %v %v; %d rows in all, want the 2 queued", queued(item.Id), queued(gone.Id), journaled(t, app))
	}
	item.Set("status", schema.StatusInReview)
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	if err := app.Delete(gone); err != nil {
		t.Fatal(err)
	}
	if !queued(item.Id) || queued(gone.Id) || journaled(t, app) != 1 {
		t.Errorf("after a change and a delete: item queued %v, deleted one queued %v, %d rows in all, want 1", queued(item.Id), queued(gone.Id), journaled(t, app))
	}
	if err := rollups.Fold(app); err != nil {
		t.Fatal(err)
	}
	item.Set("status", schema.StatusClosed)
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	if queued(item.Id) || journaled(t, app) != 1 {
		t.Errorf("a folded item's change: queued %v, %d rows, want its one journal row", queued(item.Id), journaled(t, app))
	}
}
