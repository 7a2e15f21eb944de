package stats_test

import (
	"html"
	"io"
	"net/http"
	"strings"
	"testing"

	"anubhav/testkit/testapp"
	"anubhav/words"
)

// A district officer turns the page on in Settings (the console's form lists the setting as
// a tick box, in the officer's language); a value that is no yes or no is refused with its
// message; a station officer may not; another district's SP does not turn on d1's.
func TestTurnedOnInSettings(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	patch := func(who, district, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPatch, srv.URL+"/api/console/settings?district="+district, strings.NewReader(body))
		req.Header.Set("Authorization", fx.Tokens[who])
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	status := func(path string) int {
		t.Helper()
		res, _, _ := fetch(t, srv, path)
		return res.StatusCode
	}
	if res, meta, _ := fetch(t, srv, "/api/console/meta", "Authorization", fx.Tokens[testapp.SP]); res.StatusCode != http.StatusOK ||
		!strings.Contains(meta, `{"name":"public_stats","type":"bool"}`) {
		t.Errorf("the console's settings do not offer public_stats as a tick box: %s", meta)
	}
	if got := words.T("hi", "setting.public_stats"); !strings.Contains(got, "/stats") {
		t.Errorf("the setting's Hindi label: %q", got)
	}
	if code, body := patch(testapp.SP, "d1", `{"public_stats":"yes"}`); code != http.StatusBadRequest || !strings.Contains(body, "public_stats") {
		t.Errorf("a bad value: %d %s", code, body)
	}
	if code, _ := patch(testapp.StationA, "d1", `{"public_stats":true}`); code != http.StatusForbidden {
		t.Errorf("a station officer: %d", code)
	}
	if code, _ := patch(testapp.OtherSP, "d1", `{"public_stats":true}`); code != http.StatusNotFound || status("/stats/d1") != http.StatusNotFound {
		t.Errorf("another district's SP: %d, /stats/d1 %d", code, status("/stats/d1"))
	}
	if code, body := patch(testapp.SP, "d1", `{"public_stats":true}`); code != http.StatusOK || !strings.Contains(body, `"public_stats":true`) {
		t.Fatalf("the SP turns it on: %d %s", code, body)
	}
	for path, want := range map[string]int{"/stats": 200, "/stats/d1": 200, "/stats/d1/data.csv": 200, "/stats/d2": 404} {
		if got := status(path); got != want {
			t.Errorf("%s: %d, want %d", path, got, want)
		}
	}
	// the landing page links the results while a district publishes them
	if _, landing, _ := fetch(t, srv, "/?lang=en"); !strings.Contains(landing, `<a href="/stats">`+html.EscapeString(words.T("en", "stats.title"))) {
		t.Error("the landing page does not link /stats")
	}
	if code, _ := patch(testapp.SP, "d1", `{"public_stats":false}`); code != http.StatusOK || status("/stats/d1") != http.StatusNotFound {
		t.Errorf("turned off: %d, /stats/d1 %d", code, status("/stats/d1"))
	}
	if _, landing, _ := fetch(t, srv, "/"); strings.Contains(landing, `href="/stats"`) {
		t.Error("the landing page links /stats while no district publishes")
	}
}
