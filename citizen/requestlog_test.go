package citizen_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"anubhav/testkit/testapp"
)

// DESIGN.md, "Privacy, by construction": the request log keeps nothing of a citizen's visit.
// With PocketBase's request log on, a citizen loads a form and what it loads, sends it, tracks
// it (its page's preflight too) and sends a bad form; an officer reads the inbox. Only the
// failures and the officer's request are logged, the failures without the phone's user agent
// or referer, and without the query of the form's action.
func TestACitizensVisitIsKeptOutOfTheRequestLog(t *testing.T) {
	const agent, referer = "VisitLogTest/1.0 (Linux; Android 10; itel A16)", "http://referer.example/page"
	app, f := testapp.New(t)
	app.Settings().Logs.MaxDays = 7 // tests.TestApp turns the request log off; an appliance keeps it
	srv := testapp.Serve(t, app)
	send := func(method, path, contentType, body string, extra ...string) int {
		t.Helper()
		return request(t, srv.Client(), method, srv.URL+path, contentType, body,
			append([]string{"User-Agent", agent, "Referer", referer}, extra...)...)
	}
	form := "application/x-www-form-urlencoded"
	const tooLarge = "/api/feedback?station=st-a&kind=experience&lang=en"

	r, status := post(t, srv.Client(), srv.URL, signed(t, app, answers()))
	if status != http.StatusOK {
		t.Fatalf("submission: %d", status)
	}
	for _, c := range []struct {
		method, path, contentType, body string
		status                          int
	}{
		{"GET", "/", "", "", 200},
		{"GET", "/s/st-a", "", "", 200},
		{"GET", "/s/st-a/complaint", "", "", 200},
		{"GET", "/assets/site.css", "", "", 200},
		{"GET", "/assets/form.js", "", "", 200},
		{"POST", "/api/feedback", form, signed(t, app, answers()).Encode(), 200}, // 303, then the thank-you page
		{"GET", "/s/st-a/thanks", "", "", 200},
		{"GET", "/track", "", "", 200},
		{"POST", "/track", form, url.Values{"receipt": {r}}.Encode(), 200},
		{"GET", "/api/track/" + r, "", "", 200},
		{"OPTIONS", "/api/track/" + r, "", "", 204}, // another site's preflight, refused
		{"POST", tooLarge, form, with(answers(), "rating", "9").Encode(), 400},
		{"GET", "/s/nowhere", "", "", 404},
		{"POST", tooLarge, form, with(answers(), "comment", strings.Repeat("क", 8000)).Encode(), 413}, // the form again
	} {
		var preflight []string
		if c.method == "OPTIONS" {
			preflight = []string{"Origin", "https://other.example", "Access-Control-Request-Method", "GET"}
		}
		if got := send(c.method, c.path, c.contentType, c.body, preflight...); got != c.status {
			t.Fatalf("%s %s: %d, want %d", c.method, c.path, got, c.status)
		}
	}
	if got := send("GET", "/api/console/items", "", "", "Authorization", f.Tokens[testapp.SP]); got != 200 {
		t.Fatalf("console: %d", got)
	}

	type line struct {
		URL, Method, UserAgent, Referer string
		Status                          int
	}
	read := func() (lines []line) {
		testapp.FlushLogs(t, app)
		var rows []string
		if err := app.AuxDB().NewQuery("SELECT data FROM _logs WHERE json_extract(data, '$.type') = 'request'").Column(&rows); err != nil {
			t.Fatal(err)
		}
		for _, raw := range rows {
			var l line
			if err := json.Unmarshal([]byte(raw), &l); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, l)
		}
		return lines
	}
	// The logger queues a line after its response, in a goroutine: wait until the lines we
	// expect are there (else the test would prove nothing), then a little for any other.
	var lines []line
	for deadline := time.Now().Add(15 * time.Second); len(lines) < 4; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("request log: %+v, want 4 lines at least", lines)
		}
		lines = read()
	}
	time.Sleep(300 * time.Millisecond)
	lines = read()
	want := map[string]bool{"POST /api/feedback 400": true, "GET /s/nowhere 404": true, "POST /api/feedback 413": true, "GET /api/console/items 200": true}
	for _, l := range lines {
		key := fmt.Sprintf("%s %s %d", l.Method, l.URL, l.Status)
		if !want[key] {
			t.Errorf("logged %s: a citizen's successful request, or its query", key)
			continue
		}
		delete(want, key)
		switch officer := l.URL == "/api/console/items"; {
		case officer && l.UserAgent != agent:
			t.Errorf("the officer's request was logged with user agent %q, want %q: the logger reads no user agent at all", l.UserAgent, agent)
		case !officer && (l.UserAgent != "" || l.Referer != ""):
			t.Errorf("%s logged with user agent %q and referer %q", key, l.UserAgent, l.Referer)
		}
	}
	if len(want) > 0 {
		t.Errorf("not logged: %v", want)
	}
}
