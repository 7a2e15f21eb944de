package citizen_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/testkit/testapp"
)

// HTTPS at a reverse proxy (nginx, Caddy) in front of the appliance, as the README sets it
// up: the proxy ends TLS, appends the client's address to X-Forwarded-For (nginx's
// $proxy_add_x_forwarded_for) and passes X-Forwarded-Host and -Proto; the system
// administrator trusts X-Forwarded-For in PocketBase's settings, rightmost address.
//
// behindProxy serves the app behind such a proxy; trusted says whether PocketBase's settings
// trust its X-Forwarded-For (set before the app serves).
func behindProxy(t *testing.T, trusted bool) (core.App, *httptest.Server, *httptest.Server) {
	t.Helper()
	app, _ := testapp.New(t)
	if trusted {
		app.Settings().TrustedProxy.Headers = []string{"X-Forwarded-For"}
		app.Settings().TrustedProxy.UseLeftmostIP = false // the proxy's own addition is rightmost
	}
	// an App URL that is neither address: the same-site check must trust X-Forwarded-Host
	app.Settings().Meta.AppURL = "https://anubhav.example.in"
	backend := testapp.Serve(t, app)
	target, _ := url.Parse(backend.URL)
	proxy := httptest.NewTLSServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Header["X-Forwarded-For"] = r.In.Header["X-Forwarded-For"] // kept, then appended to
		r.SetXForwarded()
	}})
	t.Cleanup(proxy.Close)
	return app, proxy, backend
}

// through is a client at ip that goes through the proxy, trusting its certificate.
func through(proxy *httptest.Server, ip string) *http.Client {
	tr := proxy.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}).DialContext
	return &http.Client{Transport: tr}
}

// A citizen's post through the proxy is stored and gets its receipt, also from a browser that
// sends only Origin (the proxy's https address, not the Host the appliance sees); another
// site's post through the same proxy stays refused.
func TestACitizenPostsThroughAReverseProxy(t *testing.T) {
	app, proxy, _ := behindProxy(t, true)
	client := through(proxy, "127.0.0.61")
	for _, c := range []struct {
		name    string
		headers []string
		status  int
	}{
		{"a current browser", []string{"Origin", proxy.URL, "Sec-Fetch-Site", "same-origin"}, http.StatusOK},
		{"an older browser, Origin only", []string{"Origin", proxy.URL}, http.StatusOK},
		{"another site's page", []string{"Origin", evil, "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"another site, Origin only", []string{"Origin", evil}, http.StatusForbidden},
	} {
		comment := "Through the proxy: " + c.name
		res, body := exchange(t, client, "POST", proxy.URL+"/api/feedback", jsonType,
			asJSON(signed(t, app, with(answers(), "comment", comment))), c.headers...)
		if res.StatusCode != c.status {
			t.Errorf("%s: %d, want %d; %.200s", c.name, res.StatusCode, c.status, body)
		}
		if stored := len(itemsSaying(t, app, comment)); stored != map[bool]int{true: 1}[c.status == http.StatusOK] {
			t.Errorf("%s: %d items stored", c.name, stored)
		}
	}
}

// The rate limiter (30 posts a minute) keys by the forwarded client address when the proxy's
// header is trusted: each citizen behind the proxy has a limit of their own, and a client that
// sends its own X-Forwarded-For through the proxy does not escape it (the rightmost address is
// the one the proxy saw). Where the header is not trusted, a direct client's X-Forwarded-For
// is ignored, and everyone behind the proxy counts as the proxy's one address.
func TestTheRateLimiterBehindAProxy(t *testing.T) {
	spoofed := func(i int) []string { return []string{"X-Forwarded-For", fmt.Sprintf("10.1.%d.%d", i/250, i%250+1)} }
	limited := func(t *testing.T, client *http.Client, base string, headers func(int) []string) int {
		t.Helper()
		for i := 1; i <= 31; i++ {
			var h []string
			if headers != nil {
				h = headers(i)
			}
			if request(t, client, "POST", base+"/api/feedback", jsonType, "{}", h...) == http.StatusTooManyRequests {
				return i
			}
		}
		return 0
	}

	t.Run("trusted", func(t *testing.T) {
		_, proxy, _ := behindProxy(t, true)
		if at := limited(t, through(proxy, "127.0.0.62"), proxy.URL, spoofed); at != 31 {
			t.Errorf("a client spoofing X-Forwarded-For through the proxy: limited at post %d, want 31", at)
		}
		if at := limited(t, through(proxy, "127.0.0.63"), proxy.URL, nil); at != 31 {
			t.Errorf("another citizen behind the same proxy: limited at post %d, want 31 (a limit of their own)", at)
		}
	})
	t.Run("not trusted", func(t *testing.T) {
		_, proxy, backend := behindProxy(t, false)
		if at := limited(t, clientAt("127.0.0.64"), backend.URL, spoofed); at != 31 {
			t.Errorf("a direct client spoofing X-Forwarded-For: limited at post %d, want 31", at)
		}
		if at := limited(t, through(proxy, "127.0.0.65"), proxy.URL, nil); at != 31 {
			t.Fatalf("a citizen behind the proxy: limited at post %d, want 31", at)
		}
		if at := limited(t, through(proxy, "127.0.0.66"), proxy.URL, nil); at != 1 {
			t.Errorf("another citizen behind the untrusted proxy: limited at post %d, want 1 (one address for all)", at)
		}
	})
}
