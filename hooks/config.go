package hooks

import (
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
)

// bindConfig checks the district's settings and drops the cached copy when they change.
func bindConfig(app core.App) {
	app.OnRecordValidate(schema.Config).BindFunc(func(e *core.RecordEvent) error {
		if tz := e.Record.GetString("timezone"); tz != "" {
			if _, err := time.LoadLocation(tz); err != nil {
				return validation.Errors{"timezone": validation.NewError("validation_timezone", "Unknown time zone "+tz+"; use a name such as Asia/Kolkata.")}
			}
		}
		return e.Next()
	})
	forget := func(e *core.RecordEvent) error {
		appconfig.Forget(e.App)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(schema.Config).BindFunc(forget)
	app.OnRecordAfterUpdateSuccess(schema.Config).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(schema.Config).BindFunc(forget)
}
