package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"anubhav/citizen"
	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/visitlog"
)

// bindCitizen serves the citizen's side: the station form, the submission, tracking by
// receipt. It reads the receipt key on start, so that a lost key stops `serve` before any
// citizen is turned away (receipt.Key), and drops the cached questionnaire and stations
// when they change.
func bindCitizen(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if _, err := receipt.Key(se.App); err != nil {
			return err
		}
		// a citizen's visit is kept out of the request log
		visit := se.Router.Group("").Bind(visitlog.Unlogged())
		visit.GET("/s/{code}", citizen.FormPage)
		visit.GET("/s/{code}/{kind}", citizen.FormPage)
		visit.POST("/api/feedback", citizen.Submit).Bind(apis.BodyLimit(submission.MaxBody))
		visit.GET("/track", citizen.TrackPage)
		visit.POST("/track", citizen.TrackPage).Bind(apis.BodyLimit(1 << 10))
		visit.GET("/api/track/{receipt}", citizen.TrackAPI).Bind(redactReceipt)
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

// redactReceipt keeps the receipt out of PocketBase's request log: it runs right after the
// activity logger, so the logger (and the rate limiter, which matches the /api/track/ rule)
// sees the redacted path; the handler reads the path value, which the router set before.
var redactReceipt = &hook.Handler[*core.RequestEvent]{
	Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
	Func: func(e *core.RequestEvent) error {
		u := *e.Request.URL
		u.Path, u.RawPath = "/api/track/-", ""
		e.Request.URL = &u
		return e.Next()
	},
}
