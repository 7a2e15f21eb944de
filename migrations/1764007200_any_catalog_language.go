package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Officers' and citizens' language choices accept any catalog language (package words): a
// district adds a language by adding one catalog file, with no migration. lang becomes a text
// field holding a language's code, which hooks check against the catalogs. The field keeps its
// id, name and column (a single select and a text field have the same column type), so no row
// is rewritten; PocketBase's Save refuses any change of a field's type, hence SaveNoValidate.
func init() {
	replace := func(app core.App, field func(id string) core.Field) error {
		for _, name := range []string{"officers", "feedback"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.Add(field(c.Fields.GetByName("lang").GetId()))
			if err := app.SaveNoValidate(c); err != nil {
				return err
			}
		}
		return nil
	}
	m.Register(func(app core.App) error {
		return replace(app, func(id string) core.Field {
			return &core.TextField{Id: id, Name: "lang", Max: 3, Pattern: `^[a-z]{2,3}$`}
		})
	}, func(app core.App) error {
		return replace(app, func(id string) core.Field {
			return &core.SelectField{Id: id, Name: "lang", MaxSelect: 1, Values: []string{"hi", "en"}}
		})
	})
}
