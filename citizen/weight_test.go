package citizen_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"

	"anubhav/testkit/testapp"
)

// FormBudget is DESIGN.md's budget for the form page's first load: HTML, CSS and JS as
// received on the wire. TestFormPageOnTheWire measures it in Chromium.
const FormBudget = 14 << 10

// TestFormPageRefersToNoOtherHost reads the form (every kind, both languages), its CSS and its
// JS for any reference to another host, loaded or not (a link, a font, an import).
func TestFormPageRefersToNoOtherHost(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	offHost := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|https?://`)
	for _, path := range []string{"/assets/site.css", "/assets/form.js", "/s/st-a", "/s/st-a?lang=en", "/s/st-a/complaint", "/s/st-a/tip"} {
		status, body := get(t, srv.Client(), srv.URL+path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		if offHost.MatchString(body) {
			t.Errorf("%s refers to another host: %s", path, offHost.FindString(body))
		}
	}
}

// TestThankYouPageCompressed: the thank-you page of a plain post (after its redirect, with
// the receipt's cookie) travels gzipped too.
func TestThankYouPageCompressed(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/feedback", strings.NewReader(signed(t, app, answers()).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Accept-Encoding", "gzip")
	jar, _ := cookiejar.New(nil)
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}, Jar: jar}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatalf("%d, Content-Encoding %q: %v", res.StatusCode, res.Header.Get("Content-Encoding"), err)
	}
	page, _ := io.ReadAll(zr)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(string(page), `id="receipt"`) {
		t.Errorf("%d, Content-Encoding %q: %s", res.StatusCode, res.Header.Get("Content-Encoding"), page)
	}
}

// TestRefusedFormCompressed: the form that comes back for a post over the body limit (refused
// before the handler) travels gzipped too.
func TestRefusedFormCompressed(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	body := signed(t, app, with(answers(), "comment", strings.Repeat("क", 8000))).Encode()
	res, page := exchange(t, &http.Client{Transport: &http.Transport{DisableCompression: true}}, "POST", srv.URL+"/api/feedback",
		"application/x-www-form-urlencoded", body, "Accept-Encoding", "gzip")
	if res.StatusCode != http.StatusRequestEntityTooLarge || res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("%d, Content-Encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !strings.Contains(string(b), `<form id="feedback"`) {
		t.Errorf("not the form: %.300s", b)
	}
}
