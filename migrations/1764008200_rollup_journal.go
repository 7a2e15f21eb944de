package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The rollups' journal (package rollups): each item write adds its change of the rollups as
// one row, applied to the rollups later in batches, so that a submission holds SQLite's write
// lock for one small insert. A plain table, unknown to the record API.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`CREATE TABLE rollup_journal (id INTEGER PRIMARY KEY, change TEXT NOT NULL)`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE rollup_journal").Execute()
		return err
	})
}
