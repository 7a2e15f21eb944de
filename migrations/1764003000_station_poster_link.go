package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A station's poster, as a link the dashboard shows on the station's record. The server
// keeps it (hooks/posters.go): it is set on every save and rewritten when the App URL changes.
func init() {
	m.Register(func(app core.App) error {
		stations, err := app.FindCollectionByNameOrId("stations")
		if err != nil {
			return err
		}
		stations.Fields.Add(&core.URLField{Name: "poster",
			Help: "Set by the server: the station's print-ready A4 poster (add ?paper=a5 for the table-stand size)."})
		return app.Save(stations)
	}, func(app core.App) error {
		stations, err := app.FindCollectionByNameOrId("stations")
		if err != nil {
			return err
		}
		stations.Fields.RemoveByName("poster")
		return app.Save(stations)
	})
}
