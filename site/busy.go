package site

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/pages"
	"anubhav/words"
)

// Busy answers PocketBase's rate limiter on a citizen's page: the limiter refuses in English
// JSON, which a phone shows as raw text, before the page's own headers are set. Busy runs just
// before the limiter and turns its 429 into a small page in the citizen's language, with the
// pages' headers and Retry-After (a minute, as the page says: the limits count by the minute).
func Busy() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "anubhavBusy",
		Priority: apis.DefaultRateLimitMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			var refusal *router.ApiError
			if e.Written() || !errors.As(err, &refusal) || refusal.Status != http.StatusTooManyRequests {
				return err
			}
			setHeaders(e.Response.Header(), pagePolicy)
			e.Response.Header().Set("Retry-After", "60")
			b := pages.NewBase(e, "")
			b.Title = words.T(b.Lang, "page.busy_title")
			return pages.Render(e, http.StatusTooManyRequests, "busy.html", b)
		},
	}
}
