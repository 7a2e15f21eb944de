package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// New items enter the rollups' queue through SQLite itself: a trigger adds each new item's
// id to rollup_created within the insert's own statement, so that a citizen's submission is
// again one statement outside any transaction (its journal row written in an explicit
// transaction cost about a sixth of the submissions' throughput). The fold reads each item as
// it is then (package rollups).
func init() {
	m.Register(func(app core.App) error {
		for _, q := range []string{
			`CREATE TABLE rollup_created (item TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID`,
			`CREATE TRIGGER feedback_rollup_created AFTER INSERT ON feedback
			   BEGIN INSERT INTO rollup_created (item) VALUES (NEW.id); END`,
		} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, q := range []string{"DROP TRIGGER feedback_rollup_created", "DROP TABLE rollup_created"} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}
