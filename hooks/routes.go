package hooks

import (
	"io/fs"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"anubhav/citizen"
	"anubhav/console"
	"anubhav/dashboard"
	"anubhav/digest"
	"anubhav/export"
	"anubhav/pages"
	"anubhav/poster"
	"anubhav/replicate"
	"anubhav/report"
	"anubhav/schema"
	"anubhav/site"
	"anubhav/stats"
	"anubhav/submission"
	"anubhav/visitlog"
)

type handler = func(*core.RequestEvent) error

type middleware = *hook.Handler[*core.RequestEvent]

// route is one line of the appliance's routes: each domain package owns its handlers.
type route struct {
	method, path string
	handle       handler
	guards       []middleware
}

// routes returns every route of the appliance but the embedded files.
func routes() []route {
	// a citizen's visit is kept out of the request log
	visit := visitlog.Unlogged()
	// and its pages (and posters and codes, opened on phones too) travel gzipped: a 2G phone
	// pays for every byte
	zip := site.Compress()
	// and its pages and posters run no script but the appliance's own, and send no Referer
	page, posters := site.PageHeaders(), site.PosterHeaders()
	// and when PocketBase's rate limiter refuses one of its pages, it says so in a page too
	busy := site.Busy()
	plain := citizen.PlainPosts()
	// the form that PlainPosts gives back, before the rate limiter, travels gzipped and with
	// the pages' headers too
	zipOuter, pageOuter := site.Compress(), site.PageHeaders()
	zipOuter.Priority, pageOuter.Priority = plain.Priority-1, plain.Priority-1
	officer := apis.RequireAuth(schema.Officers)
	officerOrAdmin := apis.RequireAuth(schema.Officers, core.CollectionNameSuperusers)
	return []route{
		// the citizen's side
		{"GET", "/{$}", site.Landing, []middleware{visit, busy, zip, page}},
		{"GET", "/go", site.GoToStation, []middleware{visit, busy, page}},
		{"GET", "/s/{code}", citizen.FormPage, []middleware{visit, busy, zip, page}},
		{"GET", "/s/{code}/{$}", site.DropSlash, []middleware{visit, busy, page}},
		{"GET", "/s/{code}/{kind}", citizen.FormPage, []middleware{visit, busy, zip, page}},
		{"GET", "/s/{code}/{kind}/{$}", site.DropSlash, []middleware{visit, busy, page}},
		{"GET", "/s/{code}/thanks", citizen.ThanksPage, []middleware{visit, busy, zip, page}}, // wins over {kind}: more specific
		// a refused plain post gets its form back, even from the rate limiter and body limit
		{"POST", "/api/feedback", citizen.Submit, []middleware{visit, zipOuter, pageOuter, plain, apis.BodyLimit(submission.MaxBody)}},
		{"GET", "/track", citizen.TrackPage, []middleware{visit, busy, zip, page}},
		{"GET", "/track/{$}", site.DropSlash, []middleware{visit, busy, page}},
		{"POST", "/track", citizen.TrackPage, []middleware{visit, busy, zip, page, apis.BodyLimit(1 << 10)}},
		{"GET", "/api/track/{receipt}", citizen.TrackAPI, []middleware{visit, redactReceipt}},

		// the districts' public results: pages as the citizen's, read on phones too
		{"GET", "/stats", stats.Index, []middleware{visit, busy, zip, page}},
		{"GET", "/stats/{$}", site.DropSlash, []middleware{visit, busy, page}},
		{"GET", "/stats/{district}", stats.Page, []middleware{visit, busy, zip, page}},
		{"GET", "/stats/{district}/{$}", site.DropSlash, []middleware{visit, busy, page}},
		{"GET", "/stats/{district}/data.csv", stats.CSV, []middleware{visit, busy, zip, page}},

		// posters: public, they hang on walls
		{"GET", "/api/stations/{code}/qr.png", poster.HandleQRPNG, nil},
		{"GET", "/api/stations/{code}/qr.svg", poster.HandleQRSVG, []middleware{zip}},
		{"GET", "/api/stations/{code}/poster", poster.HandleStationPoster, []middleware{zip, posters}},
		{"GET", "/api/areas/{code}/posters", poster.HandleAreaPosters, []middleware{apis.Gzip(), posters}},

		// the officers' console: its one door to what citizens gave and officers did
		{"GET", "/api/console/words", console.HandleWords, nil}, // the login page needs them too
		{"GET", "/api/console/me", console.HandleMe, []middleware{officer}},
		{"GET", "/api/console/meta", console.HandleMeta, []middleware{officer}},
		{"GET", "/api/console/items", console.HandleList, []middleware{officer}},
		{"GET", "/api/console/items/{id}", console.HandleItem, []middleware{officer}},
		{"POST", "/api/console/items/{id}/actions", console.HandleAct, []middleware{officer}},
		{"POST", "/api/console/items", console.HandleEnter, []middleware{officer}},
		{"POST", "/api/console/bulk", console.HandleBulk, []middleware{officer}},
		{"POST", "/api/console/lookup", console.HandleLookup, []middleware{officer}},
		{"GET", "/api/console/shared", console.HandleShared, []middleware{officer}},
		{"POST", "/api/console/shared/{id}/answer", console.HandleAnswerShared, []middleware{officer}},
		{"GET", "/api/console/digests", console.HandleDigests, []middleware{officer}},
		{"GET", "/api/console/settings", console.HandleSettings, []middleware{officerOrAdmin}},
		{"PATCH", "/api/console/settings", console.HandleSaveSettings, []middleware{officerOrAdmin}},
		{"GET", "/api/console/dashboard", dashboard.Handle, []middleware{officer}},
		{"GET", "/api/console/export.csv", export.HandleCSV, []middleware{officer}},
		{"GET", "/api/console/export.xlsx", export.HandleXLSX, []middleware{officer}},
		{"GET", "/api/console/report", report.Handle, []middleware{officer, apis.Gzip()}},
		{"GET", "/api/digest/preview", digest.HandlePreview, []middleware{officer}},

		// operations: whether the replica keeps up, for a monitor; the details for superusers
		{"GET", "/api/health/replication", replicate.HandleHealth, nil},
	}
}

// bindRoutes serves the routes, the console pages' security headers and, after every other
// route, the embedded pb_public files (compressed, and cached by the phone).
//
// Only the appliance's own pages use its routes: they answer without PocketBase's CORS
// headers (its serve command allows any origin), and another site's preflight for them is not
// approved. PocketBase's own API keeps its CORS.
func bindRoutes(app core.App, public fs.FS) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		// the pages link the CSS and JS by their content's hash
		if err := pages.UseFiles(public); err != nil {
			return err
		}
		se.Router.BindFunc(console.GuardPages)
		var paths []string
		logGuards := map[string][]middleware{}
		for _, r := range routes() {
			se.Router.Route(r.method, r.path, r.handle).Bind(r.guards...).Unbind(apis.DefaultCorsMiddlewareId)
			if !slices.Contains(paths, r.path) {
				paths = append(paths, r.path)
				logGuards[r.path] = slices.DeleteFunc(slices.Clone(r.guards), func(m middleware) bool {
					return m.Id != visitlog.Id && m != redactReceipt
				})
			}
		}
		// a preflight is logged as its path's requests are: a citizen's not at all, a
		// receipt never
		for _, path := range paths {
			se.Router.OPTIONS(path, refusePreflight).Bind(logGuards[path]...).Unbind(apis.DefaultCorsMiddlewareId)
		}
		return se.Next()
	})
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			se.Router.GET("/{path...}", site.Files(public)).Bind(visitlog.Unlogged(), site.Compress()).
				Unbind(apis.DefaultCorsMiddlewareId)
			return se.Next()
		},
		Priority: 999, // after every other route, as PocketBase's own static example does
	})
}

// refusePreflight answers a preflight without any Access-Control-Allow-* header: the browser
// does not send the request that asked for it.
func refusePreflight(e *core.RequestEvent) error { return e.NoContent(http.StatusNoContent) }

// redactReceipt keeps the receipt out of PocketBase's request log: it runs right after the
// activity logger, so the logger (and the rate limiter, which matches the /api/track/ rule)
// sees the redacted path; the handler reads the path value, which the router set before.
// Its Id is set here: binding a handler without one writes an Id into it, a data race when
// several apps (parallel tests) build their routers at once.
var redactReceipt = &hook.Handler[*core.RequestEvent]{
	Id:       "anubhavRedactReceipt",
	Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
	Func: func(e *core.RequestEvent) error {
		u := *e.Request.URL
		u.Path, u.RawPath = "/api/track/-", ""
		e.Request.URL = &u
		return e.Next()
	},
}
