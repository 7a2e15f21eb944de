package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The rollups' journal and month counts (package rollups), plain tables unknown to the record
// API. The journal: each item write adds its change of the rollups as one row, applied to the
// rollups later in batches, so that a submission holds SQLite's write lock for one small
// insert. The month counts: rollup_counts added up per calendar month, so that a long period
// reads a row per month instead of one per day; filled here from the day counts.
func init() {
	m.Register(func(app core.App) error {
		for _, q := range []string{
			`CREATE TABLE rollup_journal (id INTEGER PRIMARY KEY, change TEXT NOT NULL)`,
			`CREATE TABLE rollup_months (unit TEXT NOT NULL, measure TEXT NOT NULL, month TEXT NOT NULL, kind TEXT NOT NULL,
			   value TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,
			   PRIMARY KEY (unit, measure, month, kind, value)) WITHOUT ROWID`,
			`INSERT INTO rollup_months (unit, measure, month, kind, value, n)
			   SELECT unit, measure, substr(day, 1, 7), kind, value, sum(n) FROM rollup_counts GROUP BY 1, 2, 3, 4, 5`,
		} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, q := range []string{"DROP TABLE rollup_months", "DROP TABLE rollup_journal"} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}
