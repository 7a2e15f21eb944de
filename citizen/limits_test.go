package citizen_test

import (
	"fmt"
	"net/http"
	"testing"

	"anubhav/testkit/testapp"
)

// TestRateLimits: PocketBase's own limiter (rules from the privacy defaults and the /track
// migration) stops a client after 30 requests a minute on each citizen route, and only
// that client.
func TestRateLimits(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	routes := []struct{ method, path, contentType, body string }{
		{"POST", "/api/feedback", "application/json", "{}"},
		{"GET", "/api/track/1234-5678-9012-3456", "", ""},
		{"POST", "/track", "application/x-www-form-urlencoded", "receipt=1234567890123456"},
	}
	send := func(client *http.Client, method, path, contentType, body string) int {
		return request(t, client, method, srv.URL+path, contentType, body)
	}
	for n, r := range routes {
		// fresh addresses per route, so that each route shows its own limit
		abuser, other := clientAt(fmt.Sprintf("127.0.0.%d", 90+2*n)), clientAt(fmt.Sprintf("127.0.0.%d", 91+2*n))
		for i := 1; i <= 30; i++ {
			if s := send(abuser, r.method, r.path, r.contentType, r.body); s == http.StatusTooManyRequests {
				t.Fatalf("%s %s: limited at request %d", r.method, r.path, i)
			}
		}
		if s := send(abuser, r.method, r.path, r.contentType, r.body); s != http.StatusTooManyRequests {
			t.Errorf("%s %s: request 31 got %d, want 429", r.method, r.path, s)
		}
		if s := send(other, r.method, r.path, r.contentType, r.body); s == http.StatusTooManyRequests {
			t.Errorf("%s %s: another client is limited too", r.method, r.path)
		}
	}
}
