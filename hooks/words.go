package hooks

import (
	"path/filepath"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/words"
)

// bindWords adds the district's own catalogs (pb_data/words/*.json: a new language, or its
// own words for a shipped one) when the app starts, and keeps an officer's and an item's
// language to a language of the catalogs however they are saved (dashboard, console, form).
func bindWords(app core.App) {
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return words.LoadDir(filepath.Join(e.App.DataDir(), "words"))
	})
	app.OnRecordValidate(schema.Officers, schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		if lang := e.Record.GetString("lang"); lang != "" && !words.Has(lang) {
			reader := e.Record.Original().GetString("lang") // an officer reads its own language
			return validation.Errors{"lang": words.FieldError("unknown_lang", words.T(reader, "error.lang"))}
		}
		return e.Next()
	})
}
