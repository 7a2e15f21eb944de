package site

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// pagePolicy is the citizen pages' Content-Security-Policy: everything from the appliance
// only, scripts from its files only (no inline script, no eval), images also as data: URLs,
// no plugins, no <base>, forms posted only to the appliance, and no framing (a page inside
// another site's frame could be dressed up as something else).
const pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// posterPolicy is the same for posters, with their inline <style>: a poster is one
// self-contained page, also written to a folder to print offline (poster.WriteArea). An inline
// style runs no code; scripts stay the appliance's own.
var posterPolicy = strings.Replace(pagePolicy, "style-src 'self'", "style-src 'self' 'unsafe-inline'", 1)

// PageHeaders sets the citizen pages' security headers: their Content-Security-Policy, and
// no Referer, so a link out of a page never tells another site which station's form (or a
// receipt's page) the citizen came from. Bind it to every route of a citizen's page.
func PageHeaders() *hook.Handler[*core.RequestEvent] { return headers(pagePolicy) }

// PosterHeaders sets the posters' security headers (see posterPolicy).
func PosterHeaders() *hook.Handler[*core.RequestEvent] { return headers(posterPolicy) }

func headers(policy string) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{Func: func(e *core.RequestEvent) error {
		setHeaders(e.Response.Header(), policy)
		return e.Next()
	}}
}

func setHeaders(h http.Header, policy string) {
	h.Set("Content-Security-Policy", policy)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
}

// DropSlash answers a citizen's page asked with a trailing slash (/s/{code}/, /track/) with
// a redirect to the page: a slash added by hand or by a messaging app's link is no 404. Bind
// it to a path ending in "/{$}" under a fixed prefix, so the target stays on the appliance.
func DropSlash(e *core.RequestEvent) error {
	u := *e.Request.URL
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return e.Redirect(http.StatusMovedPermanently, u.RequestURI())
}
