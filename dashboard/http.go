package dashboard

import (
	"errors"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Handle answers GET /api/console/dashboard?area&station&from&to for the officer logged in.
func Handle(e *core.RequestEvent) error {
	a, err := Assess(e.App, e.Auth, e.Request.URL.Query(), time.Now())
	var bad validation.Errors
	switch {
	case errors.As(err, &bad):
		return e.BadRequestError("Please check the marked parameters.", bad)
	case errors.Is(err, ErrNotFound):
		return e.NotFoundError("No such area or station in your scope.", nil)
	case err != nil:
		return err
	}
	return e.JSON(http.StatusOK, a)
}
