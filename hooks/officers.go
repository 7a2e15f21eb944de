package hooks

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/schema"
)

// bindOfficers lets an officer change only its own language, phone, digest choice and
// password through the record API (console.SelfUpdate), and not its email by PocketBase's
// email-change mails either; superusers change everything.
func bindOfficers(app core.App) {
	app.OnRecordRequestEmailChangeRequest(schema.Officers).BindFunc(func(e *core.RecordRequestEmailChangeRequestEvent) error {
		return e.BadRequestError("Please check the marked fields.", console.NoEmailChange(e.Record))
	})
	// a change requested before this rule (a token lives half an hour) is not confirmed either
	app.OnRecordConfirmEmailChangeRequest(schema.Officers).BindFunc(func(e *core.RecordConfirmEmailChangeRequestEvent) error {
		return e.ForbiddenError("Only the system administrator changes an officer's email.", nil)
	})
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
