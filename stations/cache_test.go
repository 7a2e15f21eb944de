package stations_test

import (
	"testing"

	"anubhav/schema"
	"anubhav/stations"
	"anubhav/testkit/testapp"
)

// The one cache of stations follows every change of a station or of an area above it.
func TestTheCacheFollowsStationsAndAreas(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	s, err := stations.ByCode(app, "st-a")
	if err != nil || !s.Active || s.ID != f.Stations["st-a"] || s.District != f.Areas["d1"] || s.Subdivision != f.Areas["s1"] {
		t.Fatalf("st-a %+v (%v)", s, err)
	}
	if byID, err := stations.ByID(app, s.ID); err != nil || byID != s {
		t.Fatalf("by id %+v (%v)", byID, err)
	}

	record, err := app.FindRecordById(schema.Stations, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	record.Set("active", false)
	record.Set("name", "Renamed")
	if err := app.Save(record); err != nil {
		t.Fatal(err)
	}
	if s, _ := stations.ByCode(app, "st-a"); s.Active || s.Name != "Renamed" {
		t.Errorf("after the station changed: %+v", s)
	}

	// the sub-division s1 moves to district d2: its stations' lineage follows
	area, err := app.FindRecordById(schema.Areas, f.Areas["s1"])
	if err != nil {
		t.Fatal(err)
	}
	area.Set("parent", f.Areas["d2"])
	if err := app.Save(area); err != nil {
		t.Fatal(err)
	}
	if s, _ := stations.ByID(app, f.Stations["st-a"]); s.District != f.Areas["d2"] {
		t.Errorf("after its sub-division moved, st-a is in district %q, want d2", s.District)
	}
}
