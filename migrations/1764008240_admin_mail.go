package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The outbox carries a fourth kind, admin: a mail to the system administrators (PocketBase's
// superusers) when replication falls behind or the nightly backup fails. Its ref names the
// event, its recipient the superuser.
func init() {
	setKinds := func(app core.App, kinds []string) error {
		outbox, err := app.FindCollectionByNameOrId("outbox")
		if err != nil {
			return err
		}
		outbox.Fields.GetByName("kind").(*core.SelectField).Values = kinds
		return app.Save(outbox)
	}
	m.Register(func(app core.App) error {
		return setKinds(app, []string{"digest", "alert", "sms", "admin"})
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery("DELETE FROM outbox WHERE kind = 'admin'").Execute(); err != nil {
			return err
		}
		return setKinds(app, []string{"digest", "alert", "sms"})
	})
}
