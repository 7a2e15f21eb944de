package areas

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// MoveStationItems gives every item of a station the station's lineage l.
func MoveStationItems(app core.App, stationID string, l Lineage) error {
	_, err := app.DB().Update(schema.Feedback, dbx.Params{
		"subdivision": l.Subdivision, "district": l.District, "range": l.Range,
	}, dbx.HashExp{"station": stationID}).Execute()
	return err
}

// RefileStationsBelow re-saves every station at or under an area, so that the station hooks
// recompute their lineage (and move their items) after the area was moved.
func RefileStationsBelow(app core.App, areaID string) error {
	stations, err := app.FindAllRecords(schema.Stations, dbx.Or(
		dbx.HashExp{"area": areaID},
		dbx.HashExp{"subdivision": areaID},
		dbx.HashExp{"district": areaID},
		dbx.HashExp{"range": areaID},
	))
	if err != nil {
		return err
	}
	for _, s := range stations {
		if err := app.Save(s); err != nil {
			return err
		}
	}
	return nil
}
