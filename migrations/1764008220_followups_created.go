package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The monthly report counts a month's instructions, replies and closures: an action of the
// month may concern an item of any age, so the follow-ups are found by their own date, not
// through the items (a district's million items).
func init() {
	m.Register(func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		followups.AddIndex("idx_followups_created", false, "created", "")
		return app.Save(followups)
	}, func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		followups.RemoveIndex("idx_followups_created")
		return app.Save(followups)
	})
}
