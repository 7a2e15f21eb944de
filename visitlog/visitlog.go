// Package visitlog keeps a citizen's visit out of PocketBase's request log. A log line holds
// the exact time and the phone's user agent (and the page it came from): beside an item's
// date, that picks out the phone (DESIGN.md, "Privacy, by construction"). A successful
// request of a citizen's page is not logged at all; a failed one is, without its user agent,
// referer and query (a form's action names its station), so that an administrator still sees
// that something goes wrong.
package visitlog

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Id is Unlogged's middleware Id.
const Id = "anubhavUnlogged"

// Unlogged is the middleware for the routes of a citizen's visit. PocketBase's activity
// logger writes its line after the rest of the chain has returned, reading the request and
// the error then; this middleware runs right inside it (so the rate limiter's refusals pass
// through it too) and prepares both on the way out.
func Unlogged() *hook.Handler[*core.RequestEvent] {
	// PocketBase's own way to log a route's failures only: it marks the request and runs
	// the rest of the chain.
	skipSuccess := apis.SkipSuccessActivityLog()
	return &hook.Handler[*core.RequestEvent]{
		Id:       Id,
		Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			err := skipSuccess.Func(e)
			// the handler is done with them; the logger reads them next
			e.Request.Header.Del("User-Agent")
			e.Request.Header.Del("Referer")
			u := *e.Request.URL
			u.RawQuery, u.ForceQuery = "", false
			e.Request.URL = &u
			if status := e.Status(); err == nil && status >= http.StatusBadRequest {
				// The handler answered a failure itself (the form again with its messages,
				// a "not found" page), which the logger takes for a success: hand it an
				// error so that it logs the line. The response is written already, so the
				// router adds nothing to it.
				return router.NewApiError(status, http.StatusText(status), nil)
			}
			return err
		},
	}
}
