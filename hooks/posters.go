package hooks

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/poster"
	"anubhav/qr"
	"anubhav/schema"
)

// bindPosters serves the stations' QR codes and posters (public: they hang on walls, and
// only active stations have them), keeps the QR cache and the stations' poster links in
// step with station codes and the App URL, and hands the print fonts to the command line.
func bindPosters(app core.App, public fs.FS) {
	if fonts, err := fs.Sub(public, "fonts"); err == nil {
		poster.SetFonts(app, fonts)
	}

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/stations/{code}/qr.png", stationQRPNG)
		se.Router.GET("/api/stations/{code}/qr.svg", stationQRSVG)
		se.Router.GET("/api/stations/{code}/poster", stationPoster)
		se.Router.GET("/api/areas/{code}/posters", areaPosters).Bind(apis.Gzip())
		// Links of stations written before the links existed, or by raw SQL.
		refreshPosters(se.App, se.App.Settings().Meta.AppURL)
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
			refreshPosters(e.App, s.Meta.AppURL)
		}
		return nil
	})
}

// refreshPosters brings the QR codes and poster links up to the App URL. A failure is
// logged, not returned: the settings are saved and the server runs either way, and every
// request still gets the right code (the cache checks what each entry holds).
func refreshPosters(app core.App, appURL string) {
	if err := poster.AppURLChanged(app, appURL); err != nil {
		app.Logger().Error("Updating the QR codes and poster links to the App URL", "appURL", appURL, "error", err.Error())
	}
}

func stationQRPNG(e *core.RequestEvent) error {
	size := qr.DefaultSize
	if s := e.Request.URL.Query().Get("size"); s != "" {
		var err error
		if size, err = strconv.Atoi(s); err != nil || qr.CheckSize(size) != nil {
			return fieldError(e, "size", qr.CheckSize(-1))
		}
	}
	return serveQR(e, "qr.png", "png"+strconv.Itoa(size), func(c *qr.Code) ([]byte, error) { return c.PNG(size) })
}

func stationQRSVG(e *core.RequestEvent) error {
	return serveQR(e, "qr.svg", "svg", func(c *qr.Code) ([]byte, error) { return c.SVG(), nil })
}

// serveQR answers with a station's code in one format; the ETag lets a browser revalidate
// cheaply, and a changed code or App URL is seen at once.
func serveQR(e *core.RequestEvent, name, variant string, image func(*qr.Code) ([]byte, error)) error {
	code, err := poster.StationQR(e.App, e.Request.PathValue("code"))
	if err != nil {
		return posterError(e, err)
	}
	b, err := image(code)
	if err != nil {
		return err
	}
	e.Response.Header().Set("ETag", code.ETag(variant))
	e.Response.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(e.Response, e.Request, name, time.Time{}, bytes.NewReader(b))
	return nil
}

func stationPoster(e *core.RequestEvent) error {
	return servePosters(e, poster.ForStation)
}

func areaPosters(e *core.RequestEvent) error {
	return servePosters(e, poster.ForArea)
}

func servePosters(e *core.RequestEvent, find func(core.App, string, string) (*poster.Document, error)) error {
	paper, err := poster.ParsePaper(e.Request.URL.Query().Get("paper"))
	if err != nil {
		return fieldError(e, "paper", err)
	}
	doc, err := find(e.App, e.Request.PathValue("code"), paper)
	if err != nil {
		return posterError(e, err)
	}
	var buf bytes.Buffer
	if err := doc.Render(&buf); err != nil {
		return err
	}
	e.Response.Header().Set("Cache-Control", "no-cache")
	return e.Blob(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// fieldError is a 400 that names the query parameter, as PocketBase reports a bad field.
func fieldError(e *core.RequestEvent, field string, err error) error {
	return e.BadRequestError("Invalid "+field+": "+err.Error()+".",
		validation.Errors{field: validation.NewError("validation_invalid_"+field, err.Error())})
}

func posterError(e *core.RequestEvent, err error) error {
	if errors.Is(err, poster.ErrNotFound) {
		return e.NotFoundError(err.Error(), nil)
	}
	return err
}
