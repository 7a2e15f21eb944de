package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/words"
)

// bindConfig checks the settings however they are saved (console, dashboard, command), gives
// each new district its own settings, and drops the cached copy when any row changes.
func bindConfig(app core.App) {
	app.OnRecordValidate(schema.Config).BindFunc(func(e *core.RecordEvent) error {
		values := map[string]any{}
		for _, f := range e.Record.Collection().Fields {
			values[f.GetName()] = e.Record.Get(f.GetName())
		}
		if problems := appconfig.Check(values); len(problems) > 0 {
			errs := validation.Errors{}
			for name, p := range problems {
				errs[name] = words.FieldError("invalid_setting", p.In(words.English))
			}
			return errs
		}
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(schema.Areas).BindFunc(func(e *core.RecordEvent) error {
		if err := appconfig.AddDistrict(e.App, e.Record); err != nil {
			return err
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
