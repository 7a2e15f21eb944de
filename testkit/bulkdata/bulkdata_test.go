package bulkdata_test

import (
	"testing"

	"github.com/pocketbase/dbx"

	"anubhav/scope"
	"anubhav/testkit/bulkdata"
)

func TestASmallDataSetHasWhatItSays(t *testing.T) {
	app, ds := bulkdata.NewApp(t, bulkdata.Options{Stations: 12, Subdivisions: 3, Items: 1000, Days: 30})
	var n int
	if err := app.DB().Select("count(*)").From("feedback").Row(&n); err != nil || n != 1000 {
		t.Fatalf("items: %d (%v), want 1000", n, err)
	}
	if len(ds.Stations) != 12 || len(ds.Subdivisions) != 3 || len(ds.Officers) != 4 {
		t.Fatalf("data set: %d stations, %d sub-divisions, %d officers", len(ds.Stations), len(ds.Subdivisions), len(ds.Officers))
	}
	// Every item carries its station's lineage, so scoped queries find them all.
	district, err := app.FindAuthRecordByEmail("officers", ds.Officers["district"])
	if err != nil {
		t.Fatal(err)
	}
	if err := app.DB().Select("count(*)").From("feedback").Where(scope.Of(district).Feedback("")).Row(&n); err != nil || n != 1000 {
		t.Fatalf("the district officer's scope holds %d items (%v), want 1000", n, err)
	}
	var sd int
	if err := app.DB().Select("count(*)").From("feedback").Where(dbx.HashExp{"subdivision": ds.Subdivisions[0]}).Row(&sd); err != nil || sd == 0 || sd == 1000 {
		t.Fatalf("sub-division 0 holds %d items (%v)", sd, err)
	}
	// A second app reuses the generated set.
	_, again := bulkdata.NewApp(t, bulkdata.Options{Stations: 12, Subdivisions: 3, Items: 1000, Days: 30})
	if again.District != ds.District || again.Stations[0] != ds.Stations[0] {
		t.Fatalf("the cached data set differs: %+v vs %+v", again, ds)
	}
}

// A state's shape: sub-divisions spread over the districts, and the dashboard's rollups built
// for the items written past the hooks.
func TestDistrictsAndRollups(t *testing.T) {
	app, ds := bulkdata.NewApp(t, bulkdata.Options{Stations: 12, Subdivisions: 6, Districts: 3, Items: 1000, Days: 30})
	if len(ds.Districts) != 3 || ds.District != ds.Districts[0] {
		t.Fatalf("districts %v, district %s", ds.Districts, ds.District)
	}
	for _, d := range ds.Districts {
		var n int
		if err := app.DB().Select("count(*)").From("feedback").Where(dbx.HashExp{"district": d}).Row(&n); err != nil || n == 0 {
			t.Errorf("district %s holds %d items (%v)", d, n, err)
		}
	}
	var counted int
	if err := app.DB().NewQuery("SELECT sum(items) + sum(spam) FROM rollups WHERE unit = {:rg}").
		Bind(dbx.Params{"rg": ds.Range}).Row(&counted); err != nil || counted != 1000 {
		t.Errorf("the range's rollups count %d items (%v), want 1000", counted, err)
	}
}

// The benchmarks' data set follows the environment: the district by default, the state, or a
// shape given in full.
func TestChosen(t *testing.T) {
	t.Setenv("ANUBHAV_BENCH_STATE", "")
	t.Setenv("ANUBHAV_BENCH_SHAPE", "")
	if got := bulkdata.Chosen(t); got != bulkdata.District || got.Items != 1_000_000 {
		t.Errorf("by default %+v, want the district of 1,000,000 items", got)
	}
	t.Setenv("ANUBHAV_BENCH_STATE", "1")
	if got := bulkdata.Chosen(t); got != bulkdata.State || got.Stations != 1500 || got.Districts != 75 {
		t.Errorf("with ANUBHAV_BENCH_STATE=1 %+v, want the state", got)
	}
	t.Setenv("ANUBHAV_BENCH_SHAPE", "20/4/2/100000")
	want := bulkdata.Options{Stations: 20, Subdivisions: 4, Districts: 2, Items: 100_000, Days: 365}
	if got := bulkdata.Chosen(t); got != want {
		t.Errorf("with a shape %+v, want %+v", got, want)
	}
}
