package report

import (
	"bytes"
	"errors"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/dashboard"
	"anubhav/poster"
)

// Handle answers GET /api/console/report?month=YYYY-MM&area=|station= for the officer logged
// in: the report as one HTML document; 400 with a message per bad parameter in the officer's
// language, 404 for a unit outside the officer's scope. Their headlines are English, as the
// dashboard's: PocketBase ends a headline with its own full stop, and the console says its
// own words for them.
func Handle(e *core.RequestEvent) error {
	r, err := Build(e.App, e.Auth, e.Request.URL.Query(), time.Now())
	var bad validation.Errors
	switch {
	case errors.As(err, &bad):
		return e.BadRequestError("Please check the marked parameters.", bad)
	case errors.Is(err, dashboard.ErrNotFound):
		return e.NotFoundError("No such area or station in your scope.", nil)
	case err != nil:
		return err
	}
	fonts, err := poster.Fonts(e.App)
	if err != nil {
		return err
	}
	var doc bytes.Buffer
	if err := r.Render(&doc, fonts); err != nil {
		return err
	}
	// what citizens wrote is in it: no cache keeps a copy
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.HTML(http.StatusOK, doc.String())
}
