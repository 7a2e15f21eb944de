package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/alerts"
	"anubhav/scheduler"
	"anubhav/schema"
)

// bindDigest runs the scheduler (daily digests, urgent alerts) while the server runs, moves
// the daily digests when a district's digest time or the time zone changes and queues an alert for
// every urgent item.
func bindDigest(app core.App) {
	cron := scheduler.New(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := cron.Start(); err != nil {
			return err
		}
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		cron.Stop()
		return e.Next()
	})
	reschedule := func(e *core.RecordEvent) error {
		if err := cron.Reschedule(); err != nil {
			e.App.Logger().Error("Daily digest schedule", "error", err.Error())
		}
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(schema.Config).BindFunc(reschedule)
	app.OnRecordAfterUpdateSuccess(schema.Config).BindFunc(reschedule)

	// An item is urgent from its arrival, or from when the police mark it so. An item stored
	// with a past date (demo data, an import) is no news and raises no alert.
	queue := func(e *core.RecordEvent) {
		if _, err := alerts.Enqueue(e.App, e.Record); err != nil {
			e.App.Logger().Error("Urgent alert not queued", "item", e.Record.Id, "error", err.Error())
		}
		cron.WakeAlerts()
	}
	app.OnRecordAfterCreateSuccess(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		if alerts.IsUrgent(e.Record) && alerts.IsNews(e.Record, time.Now()) {
			queue(e)
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		if alerts.IsUrgent(e.Record) && !alerts.IsUrgent(e.Record.Original()) {
			queue(e)
		}
		return e.Next()
	})
}
