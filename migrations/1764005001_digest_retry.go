package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A failed digest is retried with back-off (package digest); retry_at says when, so that the
// superuser sees it in the dashboard next to last_error.
func init() {
	m.Register(func(app core.App) error {
		digests, err := app.FindCollectionByNameOrId("digests")
		if err != nil {
			return err
		}
		digests.Fields.Add(&core.DateField{Name: "retry_at", Help: "When the scheduler tries a failed digest again (empty: it gave up; the digest command still sends it)."})
		return app.Save(digests)
	}, func(app core.App) error {
		digests, err := app.FindCollectionByNameOrId("digests")
		if err != nil {
			return err
		}
		digests.Fields.RemoveByName("retry_at")
		return app.Save(digests)
	})
}
