package rollups

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/progress"
	"anubhav/schema"
	"anubhav/stamp"
)

// page is how many items Rebuild reads at a time.
const page = 5_000

// Rebuild recomputes every rollup from the items (and empties the journal and the created
// items, which the items hold), in one transaction, telling report how far
// it has come. It reads the items in the order they arrived and writes each day's rows once,
// when the next day begins (and each month's counts when the next month begins), so it holds
// about one day's and one month's rows in memory.
func Rebuild(app core.App, report progress.Func) error {
	cfg, err := appconfig.Get(app)
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		// A day's rows land at thousands of places in the rollups' B-trees (one per unit and
		// measure): with SQLite's usual 32 MB of cache a state's rebuild rereads its pages
		// over and over. 256 MB while it runs, then back.
		if _, err := tx.DB().NewQuery("PRAGMA cache_size = -262144").Execute(); err != nil {
			return err
		}
		defer tx.DB().NewQuery("PRAGMA cache_size = -32000").Execute()
		for _, c := range []string{Counters, Counts, Months, Journal, Created} {
			if _, err := tx.DB().Delete(c, nil).Execute(); err != nil {
				return err
			}
		}
		var total int
		if err := tx.DB().Select("count(*)").From(schema.Feedback).Row(&total); err != nil {
			return err
		}
		d, day := NewDelta(), ""
		done, lastCreated, lastID := 0, "", ""
		for {
			var items []*core.Record
			// after the last item read (items of the same instant are told apart by id)
			if err := tx.RecordQuery(schema.Feedback).
				Where(dbx.NewExp("(created, id) > ({:c}, {:id})", dbx.Params{"c": lastCreated, "id": lastID})).
				OrderBy("created", "id").Limit(page).All(&items); err != nil {
				return err
			}
			for _, item := range items {
				created := item.GetString("created")
				lastCreated, lastID = created, item.Id
				if local := stamp.Date(created, cfg.Location); local != day {
					// the day's rows, and the month's when the month ends
					done := &Delta{Tallies: d.Tallies, Counts: d.Counts}
					if local[:len("2006-01")] != day[:min(len(day), len("2006-01"))] {
						done.Months, d.Months = d.Months, map[CountKey]int{}
					}
					if err := Write(tx, done); err != nil {
						return err
					}
					d.Tallies, d.Counts, day = map[Key]Tally{}, map[CountKey]int{}, local
				}
				d.Add(Of(item, cfg.Location), +1)
			}
			if len(items) == 0 {
				break
			}
			done += len(items)
			if report != nil {
				report(done, total)
			}
		}
		if report != nil && total == 0 {
			report(0, 0)
		}
		return Write(tx, d)
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
