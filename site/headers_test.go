package site_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"anubhav/testkit/testapp"
)

// inlineScript finds what a page would run that is not a file of the appliance: a <script>
// without src, an on* handler, a javascript: link.
func inlineScript(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		src := false
		for _, a := range n.Attr {
			src = src || a.Key == "src" && strings.HasPrefix(a.Val, "/")
			if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.TrimSpace(a.Val), "javascript:") {
				found = append(found, n.Data+" "+a.Key+"="+a.Val)
			}
		}
		if n.Data == "script" && !src {
			found = append(found, "<script> without a src of the appliance")
		}
	}
	return found
}

// Every citizen page and poster forbids script from anywhere but the appliance and framing,
// sends no Referer, and carries no inline script to be forbidden.
func TestCitizenPagesAndPostersAreLockedDown(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	pages := []struct {
		path   string
		status int
		poster bool
	}{
		{"/", 200, false}, {"/?lang=en", 200, false}, {"/s/st-a", 200, false}, {"/s/st-a/complaint", 200, false},
		{"/s/st-a/tip?lang=en", 200, false}, {"/track", 200, false}, {"/s/nowhere", 404, false}, {"/no-such-page", 404, false},
		{"/api/stations/st-a/poster", 200, true}, {"/api/stations/st-a/poster?paper=a5&lang=en", 200, true},
		{"/api/areas/s1/posters", 200, true},
	}
	for _, p := range pages {
		res, body := raw(t, srv.URL+p.path)
		checkLockedDown(t, p.path, res, body, p.status, p.poster)
	}
	// the answer to a /track post is a page too
	res, err := srv.Client().PostForm(srv.URL+"/track", url.Values{"receipt": {"1234"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	checkLockedDown(t, "POST /track", res, "", http.StatusBadRequest, false)
}

func checkLockedDown(t *testing.T, what string, res *http.Response, body string, status int, poster bool) {
	t.Helper()
	if res.StatusCode != status {
		t.Errorf("%s: %d, want %d", what, res.StatusCode, status)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self';", "img-src 'self' data:", "object-src 'none'",
		"base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: policy %q lacks %q", what, csp, want)
		}
	}
	if inline := strings.Contains(csp, "'unsafe-inline'"); inline != poster || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: policy %q (only a poster's styles are inline)", what, csp)
	}
	if rp := res.Header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("%s: Referrer-Policy %q", what, rp)
	}
	if found := inlineScript(t, body); len(found) > 0 {
		t.Errorf("%s: inline script %v", what, found)
	}
}

// The favicon is there, small and cached; the pages link it.
func TestFavicon(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	res, body := raw(t, srv.URL+"/favicon.ico")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "\x00\x00\x01\x00") || len(body) > 1024 || res.Header.Get("ETag") == "" {
		t.Fatalf("favicon: %d, %d bytes, %q", res.StatusCode, len(body), res.Header.Get("Content-Type"))
	}
	if _, page := raw(t, srv.URL+"/s/st-a"); !strings.Contains(page, `<link rel="icon" href="/favicon.ico?v=`) {
		t.Error("the form does not link the favicon")
	}
}

// A trailing slash, added by hand or by a messaging app, leads to the page.
func TestTrailingSlashes(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for from, to := range map[string]string{"/s/st-a/": "/s/st-a", "/s/st-a/complaint/": "/s/st-a/complaint",
		"/track/": "/track", "/s/st-a/tip/?lang=en": "/s/st-a/tip?lang=en"} {
		res, err := noFollow.Get(srv.URL + from)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != to {
			t.Errorf("%s: %d to %q, want %s", from, res.StatusCode, res.Header.Get("Location"), to)
		}
		res, err = srv.Client().Get(srv.URL + from)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s ends at %d", from, res.StatusCode)
		}
	}
}
