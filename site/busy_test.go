package site_test

import (
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/testkit/testapp"
	"anubhav/words"
)

// TestBusyPages: when PocketBase's own limiter refuses a citizen's page, the phone gets a
// small page in the citizen's language with the pages' headers and Retry-After, not the
// limiter's English JSON. The form and the thank-you page and the tracking post are limited by
// the shipped rules; the landing and tracking pages by the rules a district may add.
func TestBusyPages(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	s := app.Settings()
	s.RateLimits.Rules = append(s.RateLimits.Rules,
		core.RateLimitRule{Label: "GET /", MaxRequests: 3, Duration: 60},
		core.RateLimitRule{Label: "GET /track", MaxRequests: 3, Duration: 60})
	srv := testapp.Serve(t, app)
	form := "application/x-www-form-urlencoded"
	for i, c := range []struct{ method, path, lang string }{
		{"GET", "/s/st-a", "hi"},
		{"GET", "/s/st-a/thanks?lang=en", "en"},
		{"POST", "/track?lang=en", "en"},
		{"GET", "/?lang=en", "en"},
		{"GET", "/track", "hi"},
	} {
		// an address per page: the limits count per address
		dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(fmt.Sprintf("127.0.0.%d", 150+i))}}
		client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
		for n := 1; ; n++ {
			req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(url.Values{"receipt": {"1234-5678-9012-3456"}}.Encode()))
			req.Header.Set("Content-Type", form)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusTooManyRequests {
				if n > 121 {
					t.Fatalf("%s %s: request %d got %d, want 429", c.method, c.path, n, res.StatusCode)
				}
				continue
			}
			page, h := string(b), res.Header
			for _, want := range []string{`<html lang="` + c.lang + `">`, html.EscapeString(words.T(c.lang, "page.busy_title")),
				html.EscapeString(words.T(c.lang, "page.busy"))} {
				if !strings.Contains(page, want) {
					t.Errorf("%s %s: the busy page lacks %q: %s", c.method, c.path, want, page)
				}
			}
			if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || h.Get("Retry-After") != "60" || h.Get("Referrer-Policy") != "no-referrer" ||
				!strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || h.Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s: headers %v", c.method, c.path, h)
			}
			break
		}
	}
}
