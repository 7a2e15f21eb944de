package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// An export that takes contacts out leaves a follow-up on each item whose contact left, with
// the officer who took it: the console's "export" record.
func init() {
	m.Register(func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		action := followups.Fields.GetByName("action").(*core.SelectField)
		if !slices.Contains(action.Values, "export") {
			action.Values = append(action.Values, "export")
		}
		return app.Save(followups)
	}, func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		action := followups.Fields.GetByName("action").(*core.SelectField)
		action.Values = slices.DeleteFunc(action.Values, func(v string) bool { return v == "export" })
		return app.Save(followups)
	})
}
