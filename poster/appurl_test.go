package poster_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"anubhav/poster"
	"anubhav/testkit/testapp"
)

func TestAppURLProblem(t *testing.T) {
	for url, want := range map[string]string{
		"":                         poster.AppURLUnset,
		"   ":                      poster.AppURLUnset,
		"http://127.0.0.1:8090":    poster.AppURLLocal,
		"http://localhost:8090":    poster.AppURLLocal,
		"http://[::1]:8090":        poster.AppURLLocal,
		"http://169.254.10.2:8090": poster.AppURLLocal,
		"http://0.0.0.0:8090":      poster.AppURLLocal,
		"http://192.168.1.10:8090": "",
		"https://anubhav.durg.in":  "",
	} {
		if got := poster.AppURLProblem(url); got != want {
			t.Errorf("AppURLProblem(%q) = %q, want %q", url, got, want)
		}
	}
}

// Issue 13, point 11: the poster's toolbar (on screen only) warns, in both languages, when
// the App URL would make the QR codes useless, and says how to set it; it is quiet otherwise.
func TestPosterToolbarWarnsOfALocalAppURL(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for appURL, warned := range map[string]bool{"http://127.0.0.1:8090": true, "http://192.168.1.10:8090": false} {
		app.Settings().Meta.AppURL = appURL
		res, err := http.Get(srv.URL + "/api/stations/st-a/poster")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		page := string(body)
		has := strings.Contains(page, `class="toolbar warn"`)
		if has != warned {
			t.Fatalf("%s: warning shown %v, want %v", appURL, has, warned)
		}
		if warned && (!strings.Contains(page, "केवल इसी कंप्यूटर पर") || !strings.Contains(page, "opens on this computer only") ||
			!strings.Contains(page, "Application URL") || !strings.Contains(page, appURL)) {
			t.Errorf("the warning does not say what and how, in Hindi and English: %s", page[strings.Index(page, "toolbar warn"):][:600])
		}
	}
}
