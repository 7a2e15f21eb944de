package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/adminmail"
	"anubhav/alerts"
	"anubhav/digest"
	"anubhav/outbox"
	"anubhav/scheduler"
	"anubhav/schema"
	"anubhav/sms"
)

// bindOutbox runs the scheduler (daily digests, the outbox's drain) while the server runs,
// moves the daily digests when a district's digest time or the time zone changes, and queues
// the messages that domain events send, whichever path records them: an alert for every urgent
// item, an SMS for every public reply.
func bindOutbox(app core.App) {
	box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{
		outbox.Digest: digest.Delivery(),
		outbox.Alert:  alerts.Delivery(),
		outbox.SMS:    sms.Delivery(),
		outbox.Admin:  adminmail.Delivery(),
	}})
	cron := scheduler.New(app, box)
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
	alert := func(e *core.RecordEvent) {
		if err := alerts.Enqueue(e.App, e.Record, time.Now()); err != nil {
			e.App.Logger().Error("Urgent alert not queued", "item", e.Record.Id, "error", err.Error())
		}
		cron.Wake()
	}
	app.OnRecordAfterCreateSuccess(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		if alerts.IsUrgent(e.Record) && alerts.IsNews(e.Record, time.Now()) {
			alert(e)
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		if alerts.IsUrgent(e.Record) && !alerts.IsUrgent(e.Record.Original()) {
			alert(e)
		}
		return e.Next()
	})

	// A public reply's SMS is queued with the reply, in its transaction: no reply is recorded
	// without it, and none is queued for a reply that was not recorded. It is sent at once.
	app.OnRecordCreate(schema.Followups).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return sms.Enqueue(e.App, e.Record, time.Now())
	})
	app.OnRecordAfterCreateSuccess(schema.Followups).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("action") == schema.ActionReply {
			cron.Wake()
		}
		return e.Next()
	})
}
