package site_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"anubhav/testkit/testapp"
)

// raw asks as a phone does, or as a client without gzip, and reads the bytes as they came.
func raw(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestCompressedAndCached: the citizen's pages, posters and codes and their CSS and JS travel gzipped to a
// browser that accepts it (and plain to one that does not); fonts are not compressed twice;
// the pages link CSS and JS by their content's hash, which the phone keeps for a year, and
// anything linked without it is revalidated by its ETag.
func TestCompressedAndCached(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	gz := []string{"Accept-Encoding", "gzip, deflate, br"}

	for _, path := range []string{"/", "/?lang=en", "/s/st-a", "/s/st-a/complaint", "/s/st-a/tip", "/track", "/no-such-page",
		"/api/stations/st-a/poster", "/api/stations/st-a/qr.svg"} {
		res, _ := raw(t, srv.URL+path, gz...)
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Content-Encoding %q, Vary %q", path, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
		}
		if res, body := raw(t, srv.URL+path); res.Header.Get("Content-Encoding") != "" || !strings.Contains(body, "</html>") && !strings.Contains(body, "</svg>") {
			t.Errorf("%s without Accept-Encoding: Content-Encoding %q", path, res.Header.Get("Content-Encoding"))
		}
	}

	_, page := raw(t, srv.URL+"/s/st-a")
	linked := regexp.MustCompile(`(?:href|src)="(/assets/[^"?]+\?v=[0-9a-f]{12})"`).FindAllStringSubmatch(page, -1)
	if len(linked) != 2 {
		t.Fatalf("the form links %d hashed assets, want the CSS and the JS: %q", len(linked), linked)
	}
	for _, m := range linked {
		url := m[1]
		res, _ := raw(t, srv.URL+url, gz...)
		etag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" ||
			res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || etag == "" {
			t.Errorf("%s: %d, Content-Encoding %q, Cache-Control %q, ETag %q", url, res.StatusCode,
				res.Header.Get("Content-Encoding"), res.Header.Get("Cache-Control"), etag)
		}
		if res, body := raw(t, srv.URL+url, "Accept-Encoding", "gzip", "If-None-Match", etag); res.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s revalidated: %d with %d B", url, res.StatusCode, len(body))
		}
		// an old page's link (another hash) or none: served, but revalidated each time
		plain := strings.Split(url, "?")[0]
		for _, u := range []string{plain, plain + "?v=000000000000"} {
			if res, _ := raw(t, srv.URL+u, gz...); res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("ETag") != etag {
				t.Errorf("%s: %d, Cache-Control %q, ETag %q", u, res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
			}
		}
	}

	font := "/fonts/noto-sans-devanagari-devanagari-400-normal.woff2"
	res, body := raw(t, srv.URL+font, gz...)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "" || len(body) != 50416 ||
		res.Header.Get("Cache-Control") != "public, max-age=86400" || res.Header.Get("ETag") == "" {
		t.Errorf("%s: %d, %d B, Content-Encoding %q, Cache-Control %q, ETag %q", font, res.StatusCode, len(body),
			res.Header.Get("Content-Encoding"), res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
	}
	if res, _ := raw(t, srv.URL+"/no-such-page", gz...); res.StatusCode != http.StatusNotFound || res.Header.Get("ETag") != "" {
		t.Errorf("not found page: %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
}
