package rollups

import (
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
)

// Change applies to the rollups the change of one item from old to new (nil for none: a
// create has no old, a delete no new). Call it in the transaction that writes the item.
func Change(app core.App, old, new *core.Record) error {
	cfg, err := appconfig.Get(app)
	if err != nil {
		return err
	}
	d := NewDelta()
	d.Add(old, cfg.Location, -1)
	d.Add(new, cfg.Location, +1)
	return Write(app, d)
}

// Write adds a change to the stored rollups; rows it brings to nothing stay, as zeros. Rows
// go in a few multi-row statements: one statement per row cost a submission more than its
// own insert.
func Write(app core.App, d *Delta) error {
	var tallies, counts [][]any
	for k, t := range d.Tallies {
		if !t.zero() {
			tallies = append(tallies, []any{k.Unit, k.Day, k.Kind, k.Channel,
				t.Items, t.Spam, t.Rated, t.RatingSum, t.Negative, t.StatusNew, t.StatusReview})
		}
	}
	for k, n := range d.Counts {
		if n != 0 {
			counts = append(counts, []any{k.Unit, k.Measure, k.Day, k.Kind, k.Value, n})
		}
	}
	if err := upsert(app, `INSERT INTO rollups
		(unit, day, kind, channel, items, spam, rated, rating_sum, negative, status_new, status_review) VALUES `,
		` ON CONFLICT (unit, day, kind, channel) DO UPDATE SET
		items = items + excluded.items, spam = spam + excluded.spam, rated = rated + excluded.rated,
		rating_sum = rating_sum + excluded.rating_sum, negative = negative + excluded.negative,
		status_new = status_new + excluded.status_new, status_review = status_review + excluded.status_review`, tallies); err != nil {
		return err
	}
	return upsert(app, `INSERT INTO rollup_counts (unit, measure, day, kind, value, n) VALUES `,
		` ON CONFLICT (unit, measure, day, kind, value) DO UPDATE SET n = n + excluded.n`, counts)
}

// perStatement keeps a statement's parameters (12 a row at most) well under SQLite's limit.
const perStatement = 2000

// upsert writes rows in statements of perStatement rows: head, the rows' values, tail.
func upsert(app core.App, head, tail string, rows [][]any) error {
	for start := 0; start < len(rows); start += perStatement {
		var sql strings.Builder
		params := dbx.Params{}
		sql.WriteString(head)
		for i, row := range rows[start:min(start+perStatement, len(rows))] {
			if i > 0 {
				sql.WriteByte(',')
			}
			sql.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					sql.WriteByte(',')
				}
				name := "p" + strconv.Itoa(i) + "_" + strconv.Itoa(j)
				sql.WriteString("{:" + name + "}")
				params[name] = v
			}
			sql.WriteByte(')')
		}
		sql.WriteString(tail)
		if _, err := app.DB().NewQuery(sql.String()).Bind(params).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// MoveStation moves a station's contributions from the areas it was under to those it is
// under now: its own rows are exactly what it gave each area above it.
func MoveStation(app core.App, station string, from, to []string) error {
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
			if _, err := app.DB().NewQuery(`INSERT INTO rollup_counts (unit, measure, day, kind, value, n)
				SELECT {:unit}, measure, day, kind, value, {:sign}*n
				FROM rollup_counts WHERE unit = {:station}
				ON CONFLICT (unit, measure, day, kind, value) DO UPDATE SET n = n + excluded.n`).
				Bind(params).Execute(); err != nil {
				return err
			}
		}
	}
	return nil
}
