package citizen_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/abuse"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

const evil = "https://evil.example"

const (
	formType = "application/x-www-form-urlencoded"
	jsonType = "application/json"
)

// Only PocketBase's own API (its dashboard, its SDK) answers with CORS; the citizen's routes,
// and another site's preflight for them, answer none.
func TestTheCitizensRoutesAnswerWithoutCORS(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	r, status := post(t, srv.Client(), srv.URL, signed(t, app, answers()))
	if status != http.StatusOK {
		t.Fatalf("submit: %d", status)
	}
	preflight := func(origin, method string) []string {
		return []string{"Origin", origin, "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "content-type"}
	}
	for _, c := range []struct {
		name, method, path, contentType, body string
		headers                               []string
		status                                int
		acao                                  string // "": no Access-Control-Allow-Origin
	}{
		{"a post from another site", "POST", "/api/feedback", jsonType, asJSON(signed(t, app, answers())), []string{"Origin", evil}, 403, ""},
		{"a post from this site", "POST", "/api/feedback", jsonType, asJSON(signed(t, app, answers())), []string{"Origin", srv.URL}, 200, ""},
		{"the post's preflight", "OPTIONS", "/api/feedback", "", "", preflight(evil, "POST"), 204, ""},
		{"tracking", "GET", "/api/track/" + r, "", "", []string{"Origin", evil}, 200, ""},
		{"tracking's preflight", "OPTIONS", "/api/track/" + r, "", "", preflight(evil, "GET"), 204, ""},
		{"the form page", "GET", "/s/st-a", "", "", []string{"Origin", evil}, 200, ""},
		{"PocketBase's health", "GET", "/api/health", "", "", []string{"Origin", evil}, 200, "*"},
		{"PocketBase's preflight", "OPTIONS", "/api/collections/officers/auth-with-password", "", "", preflight(evil, "POST"), 204, "*"},
	} {
		resp, _ := exchange(t, srv.Client(), c.method, srv.URL+c.path, c.contentType, c.body, c.headers...)
		status, h := resp.StatusCode, resp.Header
		if status != c.status || h.Get("Access-Control-Allow-Origin") != c.acao {
			t.Errorf("%s: %d, Access-Control-Allow-Origin %q; want %d, %q", c.name, status, h.Get("Access-Control-Allow-Origin"), c.status, c.acao)
		}
		if c.acao == "" && (h.Get("Access-Control-Allow-Methods") != "" || h.Get("Access-Control-Allow-Headers") != "") {
			t.Errorf("%s: a preflight approved: %v", c.name, h)
		}
	}
}

func TestCrossSitePostsAreRefused(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	crossSite := []string{"Sec-Fetch-Site", "cross-site", "Origin", evil}
	for _, c := range []struct {
		name, lang, contentType string
		headers                 []string
		status                  int
		want                    []string
	}{
		{"JSON from another site", "en", jsonType, crossSite, 403,
			[]string{`"status":403`, `"message":"This form was sent from another website. Check your answers and send them from here."`}},
		{"JSON from another site, in Hindi", "hi", jsonType, crossSite, 403,
			[]string{`"message":"यह फ़ॉर्म किसी दूसरी वेबसाइट से भेजा गया था। अपने जवाब देखकर यहीं से फिर से भेजें।"`}},
		{"a plain post from another site: this site's form, text kept", "en", formType, crossSite, 400,
			[]string{`<form id="feedback"`, "This form was sent from another website.", "kept text</textarea>"}},
		{"a plain post from another site, in Hindi", "hi", formType, crossSite, 400,
			[]string{`<form id="feedback"`, "यह फ़ॉर्म किसी दूसरी वेबसाइट से भेजा गया था।", "kept text</textarea>"}},
		{"an old browser on another site: Origin only", "en", jsonType, []string{"Origin", evil}, 403, []string{"another website"}},
		{"a sibling site", "en", formType, []string{"Sec-Fetch-Site", "same-site", "Origin", "https://other.example"}, 400, []string{"another website"}},
		{"this site", "en", formType, []string{"Sec-Fetch-Site", "same-origin", "Origin", srv.URL}, 200, []string{"Your feedback has been sent."}},
		{"an old browser on this site: Origin only", "en", jsonType, []string{"Origin", srv.URL}, 200, []string{`{"receipt":"`}},
		{"no header: an old browser or curl", "en", jsonType, nil, 200, []string{`{"receipt":"`}},
		{"an old browser under no-referrer: Origin null", "en", formType, []string{"Origin", "null"}, 200, []string{"Your feedback has been sent."}},
		{"a sandboxed frame on another site: Origin null", "en", formType, []string{"Sec-Fetch-Site", "cross-site", "Origin", "null"}, 400, []string{"another website", "kept text</textarea>"}},
	} {
		v := signed(t, app, with(answers(), "lang", c.lang, "comment", "kept text"))
		body := v.Encode()
		if c.contentType == jsonType {
			body = asJSON(v)
		}
		before, _ := app.CountRecords(schema.Feedback)
		resp, got := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", c.contentType, body, c.headers...)
		status := resp.StatusCode
		after, _ := app.CountRecords(schema.Feedback)
		if status != c.status || (after > before) != (c.status == 200) {
			t.Errorf("%s: %d, items %d → %d; want %d", c.name, status, before, after, c.status)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the answer lacks %q:\n%s", c.name, w, got)
			}
		}
	}
}

// Phones behind one carrier address are not a burst until they are more than AddressLimit
// within the hour; a sender who changes the user agent for every post is caught there.
func TestAChangedUserAgentIsStillABurst(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for i := range abuse.AddressLimit + 2 {
		ua := "Mozilla/5.0 (Linux; Android 10; phone " + strconv.Itoa(i) + ")"
		resp, body := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", jsonType,
			asJSON(signed(t, app, answers())), "User-Agent", ua)
		status := resp.StatusCode
		var res struct{ Receipt string }
		if err := json.Unmarshal([]byte(body), &res); status != 200 || err != nil {
			t.Fatalf("post %d: %d %s", i, status, body)
		}
		burst := slices.Contains(testapp.ItemOf(t, app, res.Receipt).GetStringSlice("flags"), schema.FlagBurst)
		if want := i >= abuse.AddressLimit; burst != want {
			t.Errorf("item %d of one address, each from another user agent: burst %v, want %v", i+1, burst, want)
		}
	}
}

// itemsSaying returns the items whose text is comment.
func itemsSaying(t testing.TB, app core.App, comment string) []*core.Record {
	t.Helper()
	items, err := app.FindAllRecords(schema.Feedback, dbx.HashExp{"comment": comment})
	if err != nil {
		t.Fatal(err)
	}
	return items
}
