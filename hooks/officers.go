package hooks

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/schema"
)

// bindOfficers lets an officer change only its own language, phone, digest choice and
// password through the record API (console.SelfUpdate); superusers change everything.
func bindOfficers(app core.App) {
	app.OnRecordUpdateRequest(schema.Officers).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		err := console.SelfUpdate(e.Auth, e.Record)
		var fields validation.Errors
		switch {
		case errors.As(err, &fields):
			return e.BadRequestError("Please check the marked fields.", fields)
		case err != nil:
			return e.ForbiddenError("You may change only your own account.", nil)
		}
		return e.Next()
	})
}
