package importer_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/importer"
	"anubhav/poster"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/stations"
	"anubhav/testkit/testapp"
)

// The import writes with SQL, not by saving records; these tests show that it does what the
// hooks on a station's or an area's save do (hooks/hierarchy.go, rollups.go, posters.go,
// config.go).

// rollupsDump is every rollup that counts something (the journal folded first, as every
// reader does). A moved station leaves rows of zeros where it was; a rebuild writes none.
func rollupsDump(t *testing.T, app core.App) string {
	t.Helper()
	fold(t, app)
	return testapp.Dump(t, app,
		"SELECT unit, day, kind, channel, items, spam, rated, rating_sum, negative, status_new, status_review FROM rollups"+
			" WHERE items + spam + rated + rating_sum + negative + status_new + status_review != 0 ORDER BY 1, 2, 3, 4",
		"SELECT unit, measure, day, kind, value, n FROM rollup_counts WHERE n != 0 ORDER BY 1, 2, 3, 4, 5",
		"SELECT unit, measure, month, kind, value, n FROM rollup_months WHERE n != 0 ORDER BY 1, 2, 3, 4, 5")
}

// fold applies the rollups' journal, as serve does every second.
func fold(t *testing.T, app core.App) {
	t.Helper()
	if err := rollups.Fold(app); err != nil {
		t.Fatal(err)
	}
}

// rollupsMatchARebuild fails unless the rollups are what a rebuild from the items makes.
func rollupsMatchARebuild(t *testing.T, app core.App) {
	t.Helper()
	kept := rollupsDump(t, app)
	if err := rollups.Rebuild(app, nil); err != nil {
		t.Fatal(err)
	}
	if rebuilt := rollupsDump(t, app); kept != rebuilt {
		t.Errorf("the rollups after the import differ from a rebuild:\nkept:\n%s\nrebuilt:\n%s", kept, rebuilt)
	}
}

func itemsOf(t *testing.T, app core.App, unit string) int {
	t.Helper()
	fold(t, app)
	var n int
	if err := app.DB().NewQuery("SELECT COALESCE(SUM(items), 0) FROM rollups WHERE unit = {:u}").
		Bind(map[string]any{"u": unit}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAStationMovedToAnotherSubdivisionTakesItsItemsAndRollups(t *testing.T) {
	app, f := testapp.New(t)
	// The cache holds st-a and st-b as they were.
	for _, code := range []string{"st-a", "st-b"} {
		if _, err := stations.ByCode(app, code); err != nil {
			t.Fatal(err)
		}
	}
	s1, s2 := itemsOf(t, app, f.Areas["s1"]), itemsOf(t, app, f.Areas["s2"])
	stA := itemsOf(t, app, f.Stations["st-a"])
	if stA != 3 {
		t.Fatalf("fixture: st-a has %d items in the rollups, want 3", stA)
	}

	stABefore, _ := app.FindRecordById(schema.Stations, f.Stations["st-a"])

	// st-a moves from s1 (district d1) to s2 (district d2); st-b is switched off; st-new is new.
	_, err := importer.Stations(app, strings.NewReader("code,name,name_hi,kind,area,address,active\n"+
		"st-a,Kotwali,कोतवाली,thana,s2,Station Road,\n"+
		"st-b,Station st-b,थाना st-b,thana,s1,Main Road,no\n"+
		"st-new,Naya Thana,नया थाना,chowki,s2,,\n"), nil)
	if err != nil {
		t.Fatal(err)
	}

	if got := itemsOf(t, app, f.Areas["s1"]); got != s1-stA {
		t.Errorf("s1 counts %d items, want %d", got, s1-stA)
	}
	if got := itemsOf(t, app, f.Areas["s2"]); got != s2+stA {
		t.Errorf("s2 counts %d items, want %d", got, s2+stA)
	}
	rollupsMatchARebuild(t, app)
	for _, name := range []string{"a-exp", "a-complaint", "a-tip"} {
		item, _ := app.FindRecordById(schema.Feedback, f.Items[name])
		if item.GetString("subdivision") != f.Areas["s2"] || item.GetString("district") != f.Areas["d2"] {
			t.Errorf("item %s is still filed under %s / %s", name, item.GetString("subdivision"), item.GetString("district"))
		}
	}

	// The cache of stations that every submission reads sees the import.
	a, err := stations.ByCode(app, "st-a")
	if err != nil || a.Name != "Kotwali" || a.Subdivision != f.Areas["s2"] || a.District != f.Areas["d2"] || a.Range != f.Areas["rg"] {
		t.Errorf("cached st-a: %+v %v", a, err)
	}
	if b, _ := stations.ByCode(app, "st-b"); b.Active {
		t.Error("cached st-b is still active")
	}
	added, err := stations.ByCode(app, "st-new")
	if err != nil || !added.Active || added.District != f.Areas["d2"] {
		t.Errorf("st-new: %+v %v", added, err)
	}

	// What the record's save would set: its lineage, its poster link, its dates.
	r, _ := app.FindFirstRecordByData(schema.Stations, "code", "st-new")
	if r.GetString("poster") != poster.Link(app.Settings().Meta.AppURL, "st-new") || r.GetString("subdivision") != f.Areas["s2"] ||
		r.GetString("range") != f.Areas["rg"] || r.GetDateTime("created").IsZero() || r.GetDateTime("updated").IsZero() {
		t.Errorf("st-new as stored: %v", r.PublicExport())
	}
	if len(r.Id) != core.DefaultIdLength {
		t.Errorf("id %q", r.Id)
	}
	moved, _ := app.FindRecordById(schema.Stations, f.Stations["st-a"])
	if moved.GetString("created") != stABefore.GetString("created") || !moved.GetDateTime("updated").After(stABefore.GetDateTime("updated")) {
		t.Errorf("st-a: created %s, updated %s; before: %s, %s", moved.GetString("created"), moved.GetString("updated"),
			stABefore.GetString("created"), stABefore.GetString("updated"))
	}
}

func TestAnAreaMovedToAnotherParentRefilesItsStations(t *testing.T) {
	app, f := testapp.New(t)
	if _, err := stations.ByCode(app, "st-a"); err != nil {
		t.Fatal(err)
	}
	d1, d2 := itemsOf(t, app, f.Areas["d1"]), itemsOf(t, app, f.Areas["d2"])
	s1 := itemsOf(t, app, f.Areas["s1"])

	// s1 (stations st-a, st-b, st-off) moves from d1 to a new district d3 of the range; a new
	// district gets its own settings.
	sum, err := importer.Areas(app, strings.NewReader("code,name,name_hi,kind,parent\n"+
		"s1,Area s1,क्षेत्र s1,subdivision,d3\n"+
		"d3,District Three,जिला तीन,district,rg\n"), nil)
	if err != nil || sum != (importer.Summary{Created: 1, Updated: 1}) {
		t.Fatalf("%v %v", sum, err)
	}
	d3, err := app.FindFirstRecordByData(schema.Areas, "code", "d3")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"st-a", "st-b", "st-off"} {
		s, _ := app.FindRecordById(schema.Stations, f.Stations[code])
		if s.GetString("district") != d3.Id || s.GetString("subdivision") != f.Areas["s1"] || s.GetString("range") != f.Areas["rg"] {
			t.Errorf("%s is filed under %s", code, s.GetString("district"))
		}
	}
	if d, _ := app.FindRecordById(schema.Stations, f.Stations["st-d"]); d.GetString("district") != f.Areas["d1"] {
		t.Error("st-d, directly under d1, moved too")
	}
	item, _ := app.FindRecordById(schema.Feedback, f.Items["b-exp"])
	if item.GetString("district") != d3.Id {
		t.Errorf("item of st-b is still filed under %s", item.GetString("district"))
	}
	if got := itemsOf(t, app, d3.Id); got != s1 {
		t.Errorf("d3 counts %d items, want s1's %d", got, s1)
	}
	if got := itemsOf(t, app, f.Areas["d1"]); got != d1-s1 {
		t.Errorf("d1 counts %d items, want %d", got, d1-s1)
	}
	if got := itemsOf(t, app, f.Areas["d2"]); got != d2 {
		t.Errorf("d2 counts %d items, want %d", got, d2)
	}
	rollupsMatchARebuild(t, app)
	if a, _ := stations.ByCode(app, "st-a"); a.District != d3.Id {
		t.Errorf("cached st-a is in district %s, want d3", a.District)
	}
	if _, err := app.FindFirstRecordByData(schema.Config, "district", d3.Id); err != nil {
		t.Errorf("the new district has no settings: %v", err)
	}
}
