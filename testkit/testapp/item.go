package testapp

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/receipt"
	"anubhav/schema"
)

// Item stores a new item at a station as if it had arrived at a given time: status new, a
// rating of 1 or 2 flagged negative, as the form would.
func Item(t testing.TB, app core.App, station, kind string, rating int, channel string, at time.Time, answers map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(schema.Feedback)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"station": station, "kind": kind, "rating": rating, "channel": channel,
		"lang": schema.LangHindi, "status": schema.StatusNew, "answers": answers})
	if rating > 0 && rating <= 2 {
		r.Set("flags", []string{schema.FlagNegative})
	}
	created, err := types.ParseDateTime(at)
	if err != nil {
		t.Fatal(err)
	}
	r.SetRaw("created", created)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// ItemOf finds the item of a receipt through its keyed hash, as tracking does.
func ItemOf(t testing.TB, app core.App, r string) *core.Record {
	t.Helper()
	digits, ok := receipt.Normalize(r)
	if !ok {
		t.Fatalf("%q is not a receipt", r)
	}
	hash, err := receipt.Hash(app, digits)
	if err != nil {
		t.Fatal(err)
	}
	// with the partial index's condition, as tracking asks (a filter's "receipt_hash != ''"
	// is not the index's own condition to SQLite: it read every item of a state per receipt)
	item := &core.Record{}
	err = app.RecordQuery(schema.Feedback).Where(dbx.HashExp{"receipt_hash": hash}).
		AndWhere(dbx.NewExp("receipt_hash != ''")).Limit(1).One(item)
	if err != nil {
		t.Fatalf("no item for receipt %s: %v", r, err)
	}
	return item
}
