package abuse_test

import (
	"errors"
	"net/http/httptest"
	"testing"

	"anubhav/abuse"
	"anubhav/testkit/testapp"
)

func TestCheckOrigin(t *testing.T) {
	app, _ := testapp.New(t)
	app.Settings().Meta.AppURL = "https://feedback.durg.example/"
	for _, c := range []struct {
		name     string
		headers  []string // name, value pairs
		crossing bool
	}{
		{"no header: an old browser or curl", nil, false},
		{"same origin", []string{"Sec-Fetch-Site", "same-origin", "Origin", "http://anubhav.local"}, false},
		{"typed or bookmarked", []string{"Sec-Fetch-Site", "none"}, false},
		{"another site's page", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, true},
		{"a sibling site", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://other.anubhav.local"}, true},
		{"an old browser on another site", []string{"Origin", "https://evil.example"}, true},
		{"an old browser on this host", []string{"Origin", "http://anubhav.local"}, false},
		{"an old browser under no-referrer: Origin null", []string{"Origin", "null"}, false},
		{"a sandboxed frame in a current browser", []string{"Sec-Fetch-Site", "cross-site", "Origin", "null"}, true},
		{"Origin null from this site in a current browser", []string{"Sec-Fetch-Site", "same-origin", "Origin", "null"}, false},
		{"the App URL, Host rewritten by a proxy", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://feedback.durg.example"}, false},
		{"an old browser behind a proxy that says the host", []string{"Origin", "https://anubhav.durg.example", "X-Forwarded-Host", "anubhav.durg.example"}, false},
		{"a forwarded host does not excuse another site", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example", "X-Forwarded-Host", "evil.example"}, true},
	} {
		r := httptest.NewRequest("POST", "http://anubhav.local/api/feedback", nil)
		for i := 0; i+1 < len(c.headers); i += 2 {
			r.Header.Set(c.headers[i], c.headers[i+1])
		}
		if got := errors.Is(abuse.CheckOrigin(app, r), abuse.ErrCrossSite); got != c.crossing {
			t.Errorf("%s: cross-site %v, want %v", c.name, got, c.crossing)
		}
	}
}
