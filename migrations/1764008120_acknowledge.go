package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A follow-up may record the console's "acknowledge" action: praise closed without a reason,
// one by one or in bulk.
func init() {
	values := func(add bool) func(app core.App) error {
		return func(app core.App) error {
			followups, err := app.FindCollectionByNameOrId("followups")
			if err != nil {
				return err
			}
			action := followups.Fields.GetByName("action").(*core.SelectField)
			action.Values = slices.DeleteFunc(action.Values, func(v string) bool { return v == "acknowledge" })
			if add {
				action.Values = append(action.Values, "acknowledge")
			}
			return app.Save(followups)
		}
	}
	m.Register(values(true), values(false))
}
