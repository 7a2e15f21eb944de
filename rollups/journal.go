package rollups

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
)

// Journal is the plain table of changes not yet applied to the rollups. An item's update or
// delete adds one row to it (a few hundred bytes) instead of upserting some thirty rollup rows
// while it holds SQLite's only write lock (a create is queued apart: see Created). Fold adds
// many changes up and applies them at once (the units above a station
// share rows, so fewer rows are written); readers fold first, so what they read is exact.
const Journal = "rollup_journal"

// Created is the plain table of items created since the last fold, by id, filled by a
// trigger on the items' insert (see its migration): a submission writes its item in one
// statement, outside any transaction, as a plain record create does. Fold reads each item
// as it is then, so until it does, the item's updates journal nothing (it will be read with
// them) and its delete takes it off the table.
const Created = "rollup_created"

// foldBatch is how many changes one fold's transaction applies: a few milliseconds of the
// write lock, so a submission waiting behind it waits no longer than behind a few others.
const foldBatch = 500

// entry is one contribution added (+1) or taken away (-1).
type entry struct {
	Sign int           `json:"s"`
	C    *Contribution `json:"c"`
}

// record adds the entries of one item's change to the journal.
func record(app core.App, entries []entry) error {
	raw, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	_, err = app.DB().NewQuery("INSERT INTO rollup_journal (change) VALUES ({:change})").
		Bind(dbx.Params{"change": string(raw)}).Execute()
	return err
}

// Fold applies the journal to the rollups, in batches of their own transactions, and empties
// it. Every reader of the rollups calls it first.
func Fold(app core.App) error {
	for {
		var pending bool
		if err := app.DB().NewQuery("SELECT EXISTS (SELECT 1 FROM rollup_journal) OR EXISTS (SELECT 1 FROM rollup_created)").
			Row(&pending); err != nil || !pending {
			return err
		}
		if err := app.RunInTransaction(foldOnce); err != nil {
			return err
		}
	}
}

// foldOnce applies the journal's oldest changes and a batch of the created items, and takes
// them off their tables.
func foldOnce(tx core.App) error {
	d := NewDelta()
	var rows []struct {
		ID     int64  `db:"id"`
		Change string `db:"change"`
	}
	if err := tx.DB().NewQuery("SELECT id, change FROM rollup_journal ORDER BY id LIMIT {:n}").
		Bind(dbx.Params{"n": foldBatch}).All(&rows); err != nil {
		return err
	}
	for _, row := range rows {
		var entries []entry
		if err := json.Unmarshal([]byte(row.Change), &entries); err != nil {
			return err
		}
		for _, e := range entries {
			d.Add(e.C, e.Sign)
		}
	}
	created, err := addCreated(tx, d)
	if err != nil {
		return err
	}
	if err := Write(tx, d); err != nil {
		return err
	}
	if len(rows) > 0 {
		if _, err := tx.DB().NewQuery("DELETE FROM rollup_journal WHERE id <= {:last}").
			Bind(dbx.Params{"last": rows[len(rows)-1].ID}).Execute(); err != nil {
			return err
		}
	}
	if len(created) > 0 {
		_, err = tx.DB().Delete(Created, dbx.In("item", created...)).Execute()
	}
	return err
}

// addCreated adds to d a batch of the items created since the last fold, as they are now,
// and returns their ids (an item deleted meanwhile by plain SQL is simply not found).
func addCreated(tx core.App, d *Delta) ([]any, error) {
	var ids []string
	if err := tx.DB().NewQuery("SELECT item FROM rollup_created LIMIT {:n}").Bind(dbx.Params{"n": foldBatch}).Column(&ids); err != nil || len(ids) == 0 {
		return nil, err
	}
	cfg, err := appconfig.Get(tx)
	if err != nil {
		return nil, err
	}
	items, err := tx.FindRecordsByIds(schema.Feedback, ids)
	if err != nil {
		return nil, err
	}
	for _, item := range items {
		d.Add(Of(item, cfg.Location), +1)
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, nil
}

// Folder folds the journal every interval while the server runs, so that it stays short
// when nobody reads the rollups.
type Folder struct {
	app  core.App
	stop chan struct{}
	done sync.WaitGroup
}

// NewFolder returns a folder for app; Start starts it.
func NewFolder(app core.App) *Folder { return &Folder{app: app} }

// Start folds every interval until Stop.
func (f *Folder) Start(interval time.Duration) {
	f.stop = make(chan struct{})
	f.done.Add(1)
	go func() {
		defer f.done.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-f.stop:
				return
			case <-tick.C:
				if err := Fold(f.app); err != nil {
					f.app.Logger().Error("Rollups not folded", "error", err.Error())
				}
			}
		}
	}()
}

// Stop stops the folding and waits for a fold under way; the journal stays for the next start.
func (f *Folder) Stop() {
	if f.stop != nil {
		close(f.stop)
		f.done.Wait()
		f.stop = nil
	}
}
