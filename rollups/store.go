package rollups

import (
	"reflect"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
)

// Change records in the journal the change of one stored item from old to new (nil for a
// delete), or nothing if what the item counts for is unchanged. Call it in the transaction
// that writes the item. (A create is queued by the insert's trigger: see Created.) An item
// not folded since its creation records nothing: the fold will read it as it is then; its
// delete takes it off the created items.
func Change(app core.App, old, new *core.Record) error {
	var unfolded bool
	if err := app.DB().NewQuery("SELECT EXISTS (SELECT 1 FROM rollup_created WHERE item = {:id})").
		Bind(dbx.Params{"id": old.Id}).Row(&unfolded); err != nil {
		return err
	}
	if unfolded {
		if new == nil {
			_, err := app.DB().Delete(Created, dbx.HashExp{"item": old.Id}).Execute()
			return err
		}
		return nil
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return err
	}
	before, after := Of(old, cfg.Location), Of(new, cfg.Location)
	if reflect.DeepEqual(before, after) {
		return nil
	}
	var entries []entry
	if before != nil {
		entries = append(entries, entry{-1, before})
	}
	if after != nil {
		entries = append(entries, entry{+1, after})
	}
	return record(app, entries)
}

// Write adds a change to the stored rollups; rows it brings to nothing stay, as zeros. Each
// table's row is one prepared statement, run per row: parsing one statement per change (a
// multi-row one) cost a submission more than its rows.
func Write(app core.App, d *Delta) error {
	tally := app.DB().NewQuery(`INSERT INTO rollups
		(unit, day, kind, channel, items, spam, rated, rating_sum, negative, status_new, status_review)
		VALUES ({:unit}, {:day}, {:kind}, {:channel}, {:items}, {:spam}, {:rated}, {:rating_sum}, {:negative}, {:status_new}, {:status_review})
		ON CONFLICT (unit, day, kind, channel) DO UPDATE SET
		items = items + excluded.items, spam = spam + excluded.spam, rated = rated + excluded.rated,
		rating_sum = rating_sum + excluded.rating_sum, negative = negative + excluded.negative,
		status_new = status_new + excluded.status_new, status_review = status_review + excluded.status_review`).Prepare()
	defer tally.Close()
	for k, t := range d.Tallies {
		if t.zero() {
			continue
		}
		if _, err := tally.Bind(dbx.Params{"unit": k.Unit, "day": k.Day, "kind": k.Kind, "channel": k.Channel,
			"items": t.Items, "spam": t.Spam, "rated": t.Rated, "rating_sum": t.RatingSum, "negative": t.Negative,
			"status_new": t.StatusNew, "status_review": t.StatusReview}).Execute(); err != nil {
			return err
		}
	}
	for t, counts := range map[countTable]map[CountKey]int{countTables[0]: d.Counts, countTables[1]: d.Months} {
		if err := writeCounts(app, t, counts); err != nil {
			return err
		}
	}
	return nil
}

// countTable is a table of counts and the name of its column of days (or months).
type countTable struct{ name, day string }

var countTables = []countTable{{Counts, "day"}, {Months, "month"}}

// writeCounts adds counts to a table of counts through one prepared statement.
func writeCounts(app core.App, t countTable, counts map[CountKey]int) error {
	cols := "unit, measure, " + t.day + ", kind, value"
	stmt := app.DB().NewQuery(`INSERT INTO ` + t.name + ` (` + cols + `, n)
		VALUES ({:unit}, {:measure}, {:day}, {:kind}, {:value}, {:n})
		ON CONFLICT (` + cols + `) DO UPDATE SET n = n + excluded.n`).Prepare()
	defer stmt.Close()
	for k, n := range counts {
		if n == 0 {
			continue
		}
		if _, err := stmt.Bind(dbx.Params{"unit": k.Unit, "measure": k.Measure, "day": k.Day,
			"kind": k.Kind, "value": k.Value, "n": n}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// MoveStation moves a station's contributions from the areas it was under to those it is
// under now: its own rows are exactly what it gave each area above it.
func MoveStation(app core.App, station string, from, to []string) error {
	// the journal's changes carry the units of their day: apply them first
	if err := Fold(app); err != nil {
		return err
	}
	for _, m := range []struct {
		units []string
		sign  int
	}{{from, -1}, {to, +1}} {
		for _, unit := range m.units {
			if unit == "" {
				continue
			}
			params := dbx.Params{"station": station, "unit": unit, "sign": m.sign}
			if _, err := app.DB().NewQuery(`INSERT INTO rollups
				(unit, day, kind, channel, items, spam, rated, rating_sum, negative, status_new, status_review)
				SELECT {:unit}, day, kind, channel, {:sign}*items, {:sign}*spam,
				{:sign}*rated, {:sign}*rating_sum, {:sign}*negative, {:sign}*status_new, {:sign}*status_review
				FROM rollups WHERE unit = {:station}
				ON CONFLICT (unit, day, kind, channel) DO UPDATE SET
				items = items + excluded.items, spam = spam + excluded.spam, rated = rated + excluded.rated,
				rating_sum = rating_sum + excluded.rating_sum, negative = negative + excluded.negative,
				status_new = status_new + excluded.status_new, status_review = status_review + excluded.status_review`).
				Bind(params).Execute(); err != nil {
				return err
			}
			for _, t := range countTables {
				cols := "unit, measure, " + t.day + ", kind, value"
				if _, err := app.DB().NewQuery(`INSERT INTO ` + t.name + ` (` + cols + `, n)
					SELECT {:unit}, measure, ` + t.day + `, kind, value, {:sign}*n FROM ` + t.name + ` WHERE unit = {:station}
					ON CONFLICT (` + cols + `) DO UPDATE SET n = n + excluded.n`).Bind(params).Execute(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
