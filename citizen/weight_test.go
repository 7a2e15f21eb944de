package citizen_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"anubhav/testkit/testapp"
)

// FormBudget is DESIGN.md's budget for the form page's first load: HTML, CSS and JS, gzip.
const FormBudget = 14 << 10

// TestFormPageWeight measures the form's first load as a phone gets it (every kind, both
// languages) and checks that nothing is asked of another host.
func TestFormPageWeight(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	offHost := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|https?://`)
	assets := map[string]int{}
	for _, asset := range []string{"/assets/site.css", "/assets/form.js"} {
		status, body := get(t, srv.Client(), srv.URL+asset)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", asset, status)
		}
		if offHost.MatchString(body) {
			t.Errorf("%s refers to another host: %s", asset, offHost.FindString(body))
		}
		assets[asset] = gzipped(body)
	}
	for _, path := range []string{"/s/st-a", "/s/st-a?lang=en", "/s/st-a/complaint", "/s/st-a/tip"} {
		status, html := get(t, srv.Client(), srv.URL+path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		if offHost.MatchString(html) {
			t.Errorf("%s refers to another host: %s", path, offHost.FindString(html))
		}
		total := gzipped(html) + assets["/assets/site.css"] + assets["/assets/form.js"]
		t.Logf("%-18s html %5d B + css %5d B + js %5d B = %5d B gzip (budget %d B)", path,
			gzipped(html), assets["/assets/site.css"], assets["/assets/form.js"], total, FormBudget)
		if total > FormBudget {
			t.Errorf("%s weighs %d B gzip, over the budget of %d B", path, total, FormBudget)
		}
	}
}

func gzipped(s string) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	fmt.Fprint(w, s)
	w.Close()
	return b.Len()
}
