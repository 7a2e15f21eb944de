package hooks_test

import (
	"testing"

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
