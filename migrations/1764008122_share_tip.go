package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A district officer may share a tip-off's text (never its contact) with a station that must
// act on it: the follow-up records the console's "share" action and the station.
func init() {
	m.Register(func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		stations, err := app.FindCollectionByNameOrId("stations")
		if err != nil {
			return err
		}
		action := followups.Fields.GetByName("action").(*core.SelectField)
		if !slices.Contains(action.Values, "share") {
			action.Values = append(action.Values, "share")
		}
		followups.Fields.Add(&core.RelationField{Name: "station", CollectionId: stations.Id, MaxSelect: 1,
			Help: "For a shared tip-off: the station its text was shared with."})
		followups.AddIndex("idx_followups_station", false, "station", "station != ''")
		return app.Save(followups)
	}, func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		action := followups.Fields.GetByName("action").(*core.SelectField)
		action.Values = slices.DeleteFunc(action.Values, func(v string) bool { return v == "share" })
		followups.RemoveIndex("idx_followups_station")
		followups.Fields.RemoveByName("station")
		return app.Save(followups)
	})
}
