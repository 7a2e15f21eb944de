package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// One form token serves one item: the citizen's form stores its token's keyed hash (never the
// token) under a unique index, so a replay is refused even after a restart, and of two posts
// with one token exactly one is stored. Items entered in the console have no token, hence the
// index's condition.
func init() {
	m.Register(func(app core.App) error {
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		feedback.Fields.Add(&core.TextField{Name: "form_token", Hidden: true, Max: 100,
			Help: "Keyed hash of the citizen's form token: one token, one item."})
		feedback.AddIndex("idx_feedback_form_token", true, "form_token", "form_token != ''")
		return app.Save(feedback)
	}, func(app core.App) error {
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		feedback.RemoveIndex("idx_feedback_form_token")
		feedback.Fields.RemoveByName("form_token")
		return app.Save(feedback)
	})
}
