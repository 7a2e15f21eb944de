package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Urgent alerts go through the outbox: the alerts queue's rows move there (kind alert, ref the
// item, recipient the officer; a pending one due at once, a sent one kept for the 10 minutes
// between two alert mails), and the alerts collection goes.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`INSERT INTO outbox
			(id, kind, ref, recipient, status, attempts, next_attempt, last_error, sent_at, created, updated)
			SELECT substr(lower(hex(randomblob(8))), 1, 15), 'alert', feedback, officer, status, attempts,
				CASE WHEN status = 'pending' THEN strftime('%Y-%m-%d %H:%M:%fZ', 'now') ELSE '' END,
				last_error, sent_at, created, updated
			FROM alerts`).Execute()
		if err != nil {
			return err
		}
		alerts, err := app.FindCollectionByNameOrId("alerts")
		if err != nil {
			return err
		}
		return app.Delete(alerts)
	}, func(app core.App) error {
		officers, err := app.FindCollectionByNameOrId("officers")
		if err != nil {
			return err
		}
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		alerts := core.NewBaseCollection("alerts")
		alerts.Fields.Add(
			&core.RelationField{Name: "officer", Required: true, CollectionId: officers.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "feedback", Required: true, CollectionId: feedback.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "sent"}},
			&core.NumberField{Name: "attempts", OnlyInt: true},
			&core.TextField{Name: "last_error", Max: 2000},
			&core.DateField{Name: "sent_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		alerts.AddIndex("idx_alerts_officer_feedback", true, "officer, feedback", "")
		alerts.AddIndex("idx_alerts_status_officer", false, "status, officer, sent_at", "")
		if err := app.Save(alerts); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`INSERT INTO alerts (id, officer, feedback, status, attempts, last_error, sent_at, created, updated)
			SELECT o.id, o.recipient, o.ref, CASE WHEN o.status = 'sent' THEN 'sent' ELSE 'pending' END, o.attempts,
				o.last_error, o.sent_at, o.created, o.updated
			FROM outbox o JOIN officers ON officers.id = o.recipient JOIN feedback ON feedback.id = o.ref
			WHERE o.kind = 'alert'`).Execute()
		if err != nil {
			return err
		}
		_, err = app.DB().NewQuery("DELETE FROM outbox WHERE kind = 'alert'").Execute()
		return err
	})
}
