package abuse

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// ErrCrossSite is the refusal of a post that a browser sent from another site's page.
var ErrCrossSite = errors.New("posted from another site")

// CheckOrigin refuses a post that a browser says comes from another site: Sec-Fetch-Site
// (every current browser), else an Origin whose host is not the request's (net/http's
// CrossOriginProtection). A post with neither header (an old browser, curl) passes: no other
// site's page can make a browser send one. Behind a reverse proxy the page's origin may differ
// from the Host the appliance sees, so the App URL setting and X-Forwarded-Host count too; a
// page of another site cannot set X-Forwarded-Host without a preflight, which the citizen's
// routes never approve.
//
// "Origin: null" without Sec-Fetch-Site passes too: browsers older than Sec-Fetch-Site
// (Chrome 56–75, Firefox up to 89, Safari before 16.4) send exactly that for a same-origin
// form post from a page with Referrer-Policy: no-referrer, as the citizen's pages are. Another
// site's sandboxed frame in a current browser says Sec-Fetch-Site: cross-site and stays
// refused; in those old browsers it would pass, as a post with no header at all does.
func CheckOrigin(app core.App, r *http.Request) error {
	if r.Header.Get("Origin") == "null" && r.Header.Get("Sec-Fetch-Site") == "" {
		return nil
	}
	p := http.NewCrossOriginProtection()
	if o := originOf(app.Settings().Meta.AppURL); o != "" {
		if err := p.AddTrustedOrigin(o); err != nil {
			app.Logger().Warn("the App URL is not an origin", "url", o, "error", err)
		}
	}
	err := p.Check(r)
	if fwd, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Host"), ","); err != nil && fwd != "" {
		proxied := r.WithContext(r.Context())
		proxied.Host = strings.TrimSpace(fwd)
		err = p.Check(proxied)
	}
	if err != nil {
		return ErrCrossSite
	}
	return nil
}

// originOf is a URL's scheme and host, "" for anything else.
func originOf(appURL string) string {
	u, err := url.Parse(appURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
