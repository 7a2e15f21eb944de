package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/schema"
	"anubhav/stations"
)

// bindHierarchy keeps the denormalised sub-division, district and range of stations and
// feedback in step with the area tree, and refuses areas and officers that do not fit it.
func bindHierarchy(app core.App) {
	app.OnRecordValidate(schema.Areas).BindFunc(func(e *core.RecordEvent) error {
		if err := areas.ValidateParent(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})

	app.OnRecordValidate(schema.Officers).BindFunc(func(e *core.RecordEvent) error {
		if err := areas.ValidateOfficerUnit(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})

	setStationLineage := func(e *core.RecordEvent) error {
		l, err := areas.Of(e.App, e.Record.GetString("area"))
		if err != nil {
			return err
		}
		l.Apply(e.Record)
		return e.Next()
	}
	app.OnRecordCreate(schema.Stations).BindFunc(setStationLineage)
	app.OnRecordUpdate(schema.Stations).BindFunc(setStationLineage)

	// A station moved to another area takes its items with it.
	app.OnRecordAfterUpdateSuccess(schema.Stations).BindFunc(func(e *core.RecordEvent) error {
		if areas.Read(e.Record) != areas.Read(e.Record.Original()) {
			if err := areas.MoveStationItems(e.App, e.Record.Id, areas.Read(e.Record)); err != nil {
				return err
			}
		}
		return e.Next()
	})

	// An area moved under another parent re-files every station below it.
	app.OnRecordAfterUpdateSuccess(schema.Areas).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("parent") != e.Record.Original().GetString("parent") {
			if err := areas.RefileStationsBelow(e.App, e.Record.Id); err != nil {
				return err
			}
		}
		return e.Next()
	})

	app.OnRecordCreate(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		station, err := stations.ByID(e.App, e.Record.GetString("station"))
		if err != nil {
			return err
		}
		station.Apply(e.Record)
		return e.Next()
	})

	// the one cache of stations (package stations) follows every station and area change
	forget := func(e *core.RecordEvent) error {
		stations.Forget(e.App)
		return e.Next()
	}
	for _, c := range []string{schema.Stations, schema.Areas} {
		app.OnRecordAfterCreateSuccess(c).BindFunc(forget)
		app.OnRecordAfterUpdateSuccess(c).BindFunc(forget)
		app.OnRecordAfterDeleteSuccess(c).BindFunc(forget)
	}
}
