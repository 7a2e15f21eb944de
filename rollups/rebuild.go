package rollups

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/progress"
	"anubhav/schema"
)

// page is how many items Rebuild reads at a time; it writes what they add up to before the
// next page, so its memory does not grow with the items.
const page = 20_000

// Rebuild recomputes every rollup from the items, in one transaction, telling report how far
// it has come.
func Rebuild(app core.App, report progress.Func) error {
	cfg, err := appconfig.Get(app)
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, c := range []string{Counters, Counts} {
			if _, err := tx.DB().Delete(c, nil).Execute(); err != nil {
				return err
			}
		}
		var total int
		if err := tx.DB().Select("count(*)").From(schema.Feedback).Row(&total); err != nil {
			return err
		}
		done, after := 0, ""
		for {
			var items []*core.Record
			if err := tx.RecordQuery(schema.Feedback).Where(dbx.NewExp("id > {:after}", dbx.Params{"after": after})).
				OrderBy("id").Limit(page).All(&items); err != nil {
				return err
			}
			if len(items) == 0 {
				break
			}
			d := NewDelta()
			for _, item := range items {
				d.Add(item, cfg.Location, +1)
			}
			if err := Write(tx, d); err != nil {
				return err
			}
			done += len(items)
			after = items[len(items)-1].Id
			if report != nil {
				report(done, total)
			}
		}
		if report != nil && total == 0 {
			report(0, 0)
		}
		return nil
	})
}

// Empty reports whether no rollup is stored while items are: a deployment upgraded to the
// rollups, or one whose rollups were dropped.
func Empty(app core.App) (bool, error) {
	var rollup, item bool
	if err := app.DB().NewQuery("SELECT EXISTS (SELECT 1 FROM rollups)").Row(&rollup); err != nil {
		return false, err
	}
	if err := app.DB().NewQuery("SELECT EXISTS (SELECT 1 FROM feedback)").Row(&item); err != nil {
		return false, err
	}
	return !rollup && item, nil
}
