package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
)

// bindCitizen makes sure, on start, that the receipt key is there, so that a lost key stops
// `serve` before any citizen is turned away (receipt.Key), and drops the cached
// questionnaire when it changes.
func bindCitizen(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if _, err := receipt.Key(se.App); err != nil {
			return err
		}
		return se.Next()
	})

	forget := func(e *core.RecordEvent) error {
		submission.ForgetQuestions(e.App)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(schema.Questions).BindFunc(forget)
	app.OnRecordAfterUpdateSuccess(schema.Questions).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(schema.Questions).BindFunc(forget)
}
