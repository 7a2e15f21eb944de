package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The queue of urgent alerts (package alerts): one row per urgent item and officer to tell,
// kept until the mail is sent, so that no alert is lost to a restart or a mail server that is
// down. Only superusers see it (in the dashboard); officers see the items in the console.
func init() {
	m.Register(func(app core.App) error {
		officers, err := app.FindCollectionByNameOrId("officers")
		if err != nil {
			return err
		}
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		queue := core.NewBaseCollection("alerts")
		queue.Fields.Add(
			&core.RelationField{Name: "officer", Required: true, CollectionId: officers.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "feedback", Required: true, CollectionId: feedback.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "sent"}},
			&core.NumberField{Name: "attempts", OnlyInt: true},
			&core.TextField{Name: "last_error", Max: 2000},
			&core.DateField{Name: "sent_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		queue.AddIndex("idx_alerts_officer_feedback", true, "officer, feedback", "")
		queue.AddIndex("idx_alerts_status_officer", false, "status, officer, sent_at", "")
		return app.Save(queue)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("alerts")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
