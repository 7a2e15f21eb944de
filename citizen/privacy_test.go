package citizen_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"anubhav/testkit/testapp"
)

// clientAt is an HTTP client whose connections come from a given loopback address.
func clientAt(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
}

// TestNoClientAddressIsWritten sends every kind of citizen request from a distinctive
// address, through a reverse proxy's X-Forwarded-For too, with PocketBase's request log on,
// then searches every file of the data dir for the addresses (and the receipt).
func TestNoClientAddressIsWritten(t *testing.T) {
	const direct, forwarded = "127.0.0.77", "10.77.66.55"
	app, _ := testapp.New(t)
	if app.Settings().Logs.LogIP {
		t.Fatal("logs.logIP is on")
	}
	app.Settings().Logs.MaxDays = 7 // tests.TestApp turns the request log off; an appliance keeps it
	srv := testapp.Serve(t, app)
	client := clientAt(direct)
	// the receipts handed out: they too must be in no file (the database keeps their keyed
	// hash, the request log a redacted path)
	var secrets []string

	do := func(method, path, contentType, body string, proxied bool) int {
		if proxied {
			return request(t, client, method, srv.URL+path, contentType, body, "X-Forwarded-For", forwarded)
		}
		return request(t, client, method, srv.URL+path, contentType, body)
	}
	form := "application/x-www-form-urlencoded"
	for _, proxied := range []bool{false, true} {
		// the second round as behind a proxy that the admin trusts
		app.Settings().TrustedProxy.Headers = map[bool][]string{true: {"X-Forwarded-For"}}[proxied]
		r, status := post(t, client, srv.URL, signed(t, app, with(answers(), "name", "Meena", "mobile", "9876543210", "consent", "yes")))
		if status != http.StatusOK {
			t.Fatalf("submit: %d", status)
		}
		for _, c := range []struct {
			method, path, contentType, body string
			status                          int
		}{
			{"GET", "/s/st-a", "", "", 200},
			{"GET", "/s/nowhere", "", "", 404},
			{"POST", "/api/feedback", form, with(answers(), "rating", "9").Encode(), 400},
			{"POST", "/api/feedback", form, signed(t, app, with(answers(), "website", "x")).Encode(), 400},
			{"POST", "/api/feedback", "application/json", "{", 400},
			{"GET", "/api/track/" + r, "", "", 200},
			{"GET", "/api/track/0000000000000000", "", "", 404},
			{"POST", "/track", form, url.Values{"receipt": {r}}.Encode(), 200},
			{"GET", "/no-such-page", "", "", 404},
		} {
			if got := do(c.method, c.path, c.contentType, c.body, proxied); got != c.status {
				t.Fatalf("%s %s: %d, want %d", c.method, c.path, got, c.status)
			}
		}
		limited := false
		for range 100 {
			if limited = do("GET", "/api/track/1111222233334444", "", "", proxied) == http.StatusTooManyRequests; limited {
				break
			}
		}
		if !limited {
			t.Fatal("tracking was not rate-limited")
		}
		secrets = append(secrets, r, strings.ReplaceAll(r, "-", ""))
	}

	// Write the queued request log, and make sure it holds our requests (else the search
	// below would prove nothing).
	testapp.FlushLogs(t, app)
	var logged int
	if err := app.AuxDB().NewQuery("SELECT count(*) FROM _logs WHERE message LIKE '%/api/feedback%' OR message LIKE '%/api/track/%'").Row(&logged); err != nil || logged < 10 {
		t.Fatalf("request log holds %d of our requests (%v)", logged, err)
	}
	holding, read := testapp.FilesHolding(t, app, append([]string{direct, forwarded}, secrets...)...)
	for _, h := range holding {
		t.Error(h)
	}
	if read < 2 {
		t.Fatalf("read only %d files of the data dir", read)
	}
}
