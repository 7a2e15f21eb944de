package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/testkit/testapp"
)

func newRecord(t *testing.T, app core.App, collection string, data map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(data)
	return r
}

func TestStationsAndItemsCarryTheirLineage(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	a, err := app.FindRecordById("stations", f.Stations["st-a"])
	if err != nil {
		t.Fatal(err)
	}
	if a.GetString("subdivision") != f.Areas["s1"] || a.GetString("district") != f.Areas["d1"] || a.GetString("range") != f.Areas["rg"] {
		t.Fatalf("st-a lineage: %v %v %v", a.Get("subdivision"), a.Get("district"), a.Get("range"))
	}
	d, _ := app.FindRecordById("stations", f.Stations["st-d"])
	if d.GetString("subdivision") != "" || d.GetString("district") != f.Areas["d1"] {
		t.Fatalf("a station directly under a district has sub-division %q, district %q", d.GetString("subdivision"), d.GetString("district"))
	}

	newItem := func() *core.Record {
		r := newRecord(t, app, "feedback", map[string]any{"station": f.Stations["st-a"], "kind": "tip", "channel": "qr", "status": "new"})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := newItem(); r.GetString("district") != f.Areas["d1"] {
		t.Fatalf("a new item of st-a is in district %q", r.GetString("district"))
	}

	// Moving st-a to the other district moves its items with it, and new items follow.
	a.Set("area", f.Areas["s2"])
	if err := app.Save(a); err != nil {
		t.Fatal(err)
	}
	item, _ := app.FindRecordById("feedback", f.Items["a-complaint"])
	if item.GetString("district") != f.Areas["d2"] || item.GetString("subdivision") != f.Areas["s2"] {
		t.Fatalf("after the move the item is in district %q, sub-division %q", item.GetString("district"), item.GetString("subdivision"))
	}
	if r := newItem(); r.GetString("district") != f.Areas["d2"] {
		t.Fatalf("a new item of the moved station is in district %q, want d2", r.GetString("district"))
	}

	// Moving a sub-division under another district re-files its stations and items.
	s1, _ := app.FindRecordById("areas", f.Areas["s1"])
	s1.Set("parent", f.Areas["d2"])
	if err := app.Save(s1); err != nil {
		t.Fatal(err)
	}
	item, _ = app.FindRecordById("feedback", f.Items["b-exp"])
	if item.GetString("district") != f.Areas["d2"] {
		t.Fatalf("after moving s1 to d2, b-exp is in district %q", item.GetString("district"))
	}
}

func TestTheHierarchyRefusesMisfits(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	cases := []struct {
		collection string
		data       map[string]any
		field      string
	}{
		{"areas", map[string]any{"code": "x", "name": "X", "name_hi": "एक्स", "kind": "subdivision", "parent": f.Areas["rg"]}, "parent"},
		{"areas", map[string]any{"code": "x", "name": "X", "name_hi": "एक्स", "kind": "district"}, "parent"},
		{"areas", map[string]any{"code": "x", "name": "X", "name_hi": "एक्स", "kind": "range", "parent": f.Areas["rg"]}, "parent"},
		{"areas", map[string]any{"code": "Not A Slug", "name": "X", "name_hi": "एक्स", "kind": "range"}, "code"},
		{"officers", map[string]any{"email": "x@test.local", "password": "password123", "name": "X", "role": "station"}, "station"},
		{"officers", map[string]any{"email": "x@test.local", "password": "password123", "name": "X", "role": "district", "area": f.Areas["s1"]}, "area"},
		{"officers", map[string]any{"email": "x@test.local", "password": "password123", "name": "X", "role": "range"}, "area"},
	}
	for _, c := range cases {
		r := newRecord(t, app, c.collection, c.data)
		if pw, ok := c.data["password"].(string); ok {
			r.SetPassword(pw)
		}
		err := app.Save(r)
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s %v: error %v, want one naming %q", c.collection, c.data, err, c.field)
		}
	}
}
