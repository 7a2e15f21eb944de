package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/scope"
)

// The times a station officer may not see: they get the item's local date instead.
var timeFields = []string{"created", "updated", "closed_at"}

// bindPrivacy shows a station officer an item's date, never its time of day, wherever the
// record API returns it (lists, views, expands, realtime).
func bindPrivacy(app core.App) {
	app.OnRecordEnrich(schema.Feedback).BindFunc(func(e *core.RecordEnrichEvent) error {
		auth := e.RequestInfo.Auth
		if auth == nil || auth.Collection().Name != schema.Officers || scope.Of(auth).SeesTimeOfDay() {
			return e.Next()
		}
		cfg, err := appconfig.Get(e.App)
		if err != nil {
			return err
		}
		e.Record.WithCustomData(true)
		e.Record.Set("date", e.Record.GetDateTime("created").Time().In(cfg.Location).Format("2006-01-02"))
		e.Record.Hide(timeFields...)
		return e.Next()
	})
}
