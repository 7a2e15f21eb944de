package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/poster"
	"anubhav/qr"
	"anubhav/schema"
)

// bindPosters keeps the QR cache and the stations' poster links in
// step with station codes and the App URL, and hands the print fonts to the command line.
func bindPosters(app core.App, public fs.FS) {
	if fonts, err := fs.Sub(public, "fonts"); err == nil {
		poster.SetFonts(app, fonts)
	}

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		// Links of stations written before the links existed, or by raw SQL.
		poster.Refresh(se.App, se.App.Settings().Meta.AppURL)
		return se.Next()
	})

	setLink := func(e *core.RecordEvent) error {
		poster.SetLink(e.App, e.Record)
		return e.Next()
	}
	app.OnRecordCreate(schema.Stations).BindFunc(setLink)
	app.OnRecordUpdate(schema.Stations).BindFunc(setLink)
	stationSaved := func(e *core.RecordEvent) error {
		if err := poster.StationSaved(e.App, e.Record); err != nil {
			e.App.Logger().Error("Encoding a station's QR code", "station", e.Record.GetString("code"), "error", err)
		}
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(schema.Stations).BindFunc(stationSaved)
	app.OnRecordAfterUpdateSuccess(schema.Stations).BindFunc(stationSaved)
	app.OnRecordAfterDeleteSuccess(schema.Stations).BindFunc(func(e *core.RecordEvent) error {
		qr.CacheOf(e.App).Forget(e.Record.GetString("code"))
		return e.Next()
	})

	// A settings save may change the App URL that every code and link holds. (Not on
	// settings reload: that also runs at start-up, before the migrations.)
	app.OnModelAfterUpdateSuccess("_params").BindFunc(func(e *core.ModelEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if s, ok := e.Model.(*core.Settings); ok {
			poster.Refresh(e.App, s.Meta.AppURL)
		}
		return nil
	})
}
