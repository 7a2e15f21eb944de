package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
)

// bindCitizen makes sure, on start, that the receipt key is there, so that a lost key stops
// `serve` before any citizen is turned away (receipt.Key), and drops the cached
// questionnaire and stations when they change.
func bindCitizen(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if _, err := receipt.Key(se.App); err != nil {
			return err
		}
		return se.Next()
	})

	for collection, forget := range map[string]func(core.App){schema.Questions: submission.ForgetQuestions, schema.Stations: submission.ForgetStations} {
		handler := func(e *core.RecordEvent) error {
			forget(e.App)
			return e.Next()
		}
		app.OnRecordAfterCreateSuccess(collection).BindFunc(handler)
		app.OnRecordAfterUpdateSuccess(collection).BindFunc(handler)
		app.OnRecordAfterDeleteSuccess(collection).BindFunc(handler)
	}
}
