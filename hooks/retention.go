package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/retention"
)

// bindRetention purges expired contact details every night with PocketBase's own cron.
func bindRetention(app core.App) {
	app.Cron().MustAdd("anubhav_contact_retention", "15 2 * * *", func() {
		n, err := retention.PurgeContacts(app, time.Now())
		if err != nil {
			app.Logger().Error("contact retention failed", "error", err)
			return
		}
		if n > 0 {
			app.Logger().Info("deleted contact details past the retention period", "count", n)
		}
	})
}
