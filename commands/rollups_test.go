package commands

import (
	"bytes"
	"strings"
	"testing"

	"anubhav/testkit/testapp"
)

// The command rebuilds dropped rollups: each fixture item counts again under its station.
func TestRollupsRebuildCommand(t *testing.T) {
	app, fx := testapp.New(t)
	for _, c := range []string{"rollups", "rollup_counts"} {
		if _, err := app.DB().NewQuery("DELETE FROM " + c).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	cmd := rollupsCommand(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"rebuild"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "rebuilt") {
		t.Errorf("output %q", out.String())
	}
	var items int
	if err := app.DB().NewQuery("SELECT sum(items) FROM rollups WHERE unit = {:st}").
		Bind(map[string]any{"st": fx.Stations["st-a"]}).Row(&items); err != nil {
		t.Fatal(err)
	}
	if items != 3 { // a-exp, a-complaint, a-tip
		t.Errorf("st-a counts %d items after the rebuild, want 3", items)
	}
}
