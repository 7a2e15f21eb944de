package poster

// The posters' HTTP handlers: public, since posters hang on walls; only active stations
// have them. hooks/routes.go binds them.

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/qr"
	"anubhav/words"
)

// HandleQRPNG is a station's QR code as PNG (?size= pixels).
func HandleQRPNG(e *core.RequestEvent) error {
	size := qr.DefaultSize
	if s := e.Request.URL.Query().Get("size"); s != "" {
		var err error
		if size, err = strconv.Atoi(s); err != nil || qr.CheckSize(size) != nil {
			return fieldError(e, "size", qr.CheckSize(-1))
		}
	}
	return serveQR(e, "qr.png", "png"+strconv.Itoa(size), func(c *qr.Code) ([]byte, error) { return c.PNG(size) })
}

// HandleQRSVG is a station's QR code as SVG.
func HandleQRSVG(e *core.RequestEvent) error {
	return serveQR(e, "qr.svg", "svg", func(c *qr.Code) ([]byte, error) { return c.SVG(), nil })
}

// serveQR answers with a station's code in one format; the ETag lets a browser revalidate
// cheaply, and a changed code or App URL is seen at once.
func serveQR(e *core.RequestEvent, name, variant string, image func(*qr.Code) ([]byte, error)) error {
	code, err := StationQR(e.App, e.Request.PathValue("code"))
	if err != nil {
		return httpError(e, err)
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

// HandleStationPoster is a station's printable poster (?paper=a4|a5, ?lang= its first
// language, Hindi by default).
func HandleStationPoster(e *core.RequestEvent) error {
	return servePosters(e, ForStation)
}

// HandleAreaPosters is every poster of an area in one printable document.
func HandleAreaPosters(e *core.RequestEvent) error {
	return servePosters(e, ForArea)
}

func servePosters(e *core.RequestEvent, find func(core.App, string, string) (*Document, error)) error {
	paper, err := ParsePaper(e.Request.URL.Query().Get("paper"))
	if err != nil {
		return fieldError(e, "paper", err)
	}
	lang := e.Request.URL.Query().Get("lang")
	if lang != "" && !words.Has(lang) {
		return fieldError(e, "lang", fmt.Errorf("no catalog has the language %q", lang))
	}
	doc, err := find(e.App, e.Request.PathValue("code"), paper)
	if err != nil {
		return httpError(e, err)
	}
	if lang != "" {
		doc.Lang = lang
	}
	doc.AppURL = e.App.Settings().Meta.AppURL
	doc.AppURLWarning = AppURLProblem(doc.AppURL)
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

func httpError(e *core.RequestEvent, err error) error {
	if errors.Is(err, ErrNotFound) {
		return e.NotFoundError(err.Error(), nil)
	}
	return err
}
