package citizen_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/logger"

	"anubhav/testapp"
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
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if proxied {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
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
	handler, ok := app.Logger().Handler().(*logger.BatchHandler)
	if !ok {
		t.Fatal("no batch log handler")
	}
	if err := handler.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true)); err != nil {
		t.Fatal(err)
	}
	var logged int
	if err := app.AuxDB().NewQuery("SELECT count(*) FROM _logs WHERE message LIKE '%/api/feedback%' OR message LIKE '%/api/track/%'").Row(&logged); err != nil || logged < 10 {
		t.Fatalf("request log holds %d of our requests (%v)", logged, err)
	}

	found := 0
	err := filepath.WalkDir(app.DataDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		found++
		for _, s := range append([]string{direct, forwarded}, secrets...) {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s holds %q", path, s)
			}
		}
		return nil
	})
	if err != nil || found < 2 {
		t.Fatalf("searched %d files: %v", found, err)
	}
}
