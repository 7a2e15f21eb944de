package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// One outbox for every message the appliance sends on its own (package outbox): daily digests,
// urgent alerts and replies by SMS. One row per message and recipient, unique, so that queueing
// twice queues once; each attempt is recorded on it. Superusers only (the dashboard): officers
// see their digests in the console and an SMS's outcome on the item's thread. A citizen's
// mobile is never copied here: an SMS row names the reply, and the mobile is read from
// contacts when it is sent.
func init() {
	m.Register(func(app core.App) error {
		outbox := core.NewBaseCollection("outbox")
		outbox.Fields.Add(
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"digest", "alert", "sms"}},
			&core.TextField{Name: "ref", Required: true, Max: 100,
				Help: "What the message is about: the digests row (digest), the urgent item (alert), the public reply (sms)."},
			&core.TextField{Name: "recipient", Max: 100,
				Help: "The officer it goes to; empty for an SMS (the citizen's mobile is read from contacts when sending)."},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "sending", "sent", "failed"}},
			&core.NumberField{Name: "attempts", OnlyInt: true},
			&core.DateField{Name: "next_attempt",
				Help: "When it is tried (again); for a row sending, when it is taken for cut short. Empty: sent, or given up."},
			&core.TextField{Name: "last_error", Max: 2000},
			&core.DateField{Name: "sent_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		outbox.AddIndex("idx_outbox_message", true, "kind, ref, recipient", "")
		outbox.AddIndex("idx_outbox_due", false, "kind, status, next_attempt", "")
		outbox.AddIndex("idx_outbox_recipient", false, "kind, recipient, sent_at", "")
		return app.Save(outbox)
	}, func(app core.App) error {
		outbox, err := app.FindCollectionByNameOrId("outbox")
		if err != nil {
			return err
		}
		return app.Delete(outbox)
	})
}
