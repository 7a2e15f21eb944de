package citizen_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
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

func TestOneFormTokenServesOneItem(t *testing.T) {
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Replayed words"))
	if resp, body := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", jsonType, asJSON(v)); resp.StatusCode != 200 {
		t.Fatalf("first post: %d %s", resp.StatusCode, body)
	}
	for _, c := range []struct {
		name, lang, contentType string
		want                    []string
	}{
		{"JSON, as form.js sends it", "en", jsonType, []string{`"token":{"code":"validation_invalid","message":"This form was already sent, and its receipt number was shown then. To send something new, press Send again."}`}},
		{"a plain post: the form, text kept", "en", formType, []string{`<form id="feedback"`, "This form was already sent", "Replayed words</textarea>", `name="token" value="1`}},
		{"a plain post in Hindi", "hi", formType, []string{"यह फ़ॉर्म पहले ही भेजा जा चुका है, और उसका रसीद नंबर तभी दिखाया गया था। कुछ नया भेजना हो तो फिर से भेजें।", "Replayed words</textarea>"}},
	} {
		again := with(v, "lang", c.lang)
		body := again.Encode()
		if c.contentType == jsonType {
			body = asJSON(again)
		}
		resp, got := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", c.contentType, body)
		status := resp.StatusCode
		if status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", c.name, status)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the answer lacks %q:\n%s", c.name, w, got)
			}
		}
		if strings.Contains(got, `value="`+v.Get("token")+`"`) {
			t.Errorf("%s: the form came back with the spent token", c.name)
		}
	}
	items := itemsSaying(t, app, "Replayed words")
	if len(items) != 1 {
		t.Fatalf("%d items for one form, want 1", len(items))
	}

	// The token's hash stays out of the officers' views.
	item := items[0]
	hash := item.GetString("form_token")
	if used, _ := abuse.TokenHash(app, v.Get("token")); hash != used || strings.Contains(hash, v.Get("token")) {
		t.Fatalf("form_token %q, want the token's keyed hash %q", hash, used)
	}
	for _, path := range []string{"/api/console/items/" + item.Id, "/api/console/items", "/api/collections/feedback/records/" + item.Id} {
		resp, got := exchange(t, srv.Client(), "GET", srv.URL+path, "", "", "Authorization", f.Tokens[testapp.SP])
		status := resp.StatusCode
		if strings.Contains(got, hash) || strings.Contains(got, "form_token") {
			t.Errorf("%s (%d) shows the form token's hash", path, status)
		}
	}
	resp, got := exchange(t, srv.Client(), "GET", srv.URL+"/api/console/items/"+item.Id, "", "", "Authorization", f.Tokens[testapp.SP])
	status := resp.StatusCode
	if status != 200 || !strings.Contains(got, "Replayed words") {
		t.Errorf("the officer's view of the item: %d %s", status, got)
	}
}

// Two presses that race (or a retry sent while the first is still stored) give one item, and
// no contact without its item.
func TestConcurrentPostsOfOneFormStoreOneItem(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Pressed twice", "name", "Ravi", "mobile", "9876543210", "consent", "yes"))
	contacts, _ := app.CountRecords(schema.Contacts)
	const presses = 8
	statuses := make(chan int, presses)
	var wg sync.WaitGroup
	for range presses {
		wg.Go(func() {
			res, err := srv.Client().Post(srv.URL+"/api/feedback", jsonType, strings.NewReader(asJSON(v)))
			if err != nil {
				statuses <- 0
				return
			}
			res.Body.Close()
			statuses <- res.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	var got []int
	for s := range statuses {
		got = append(got, s)
	}
	slices.Sort(got)
	want := append([]int{200}, slices.Repeat([]int{400}, presses-1)...)
	if !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if items := itemsSaying(t, app, "Pressed twice"); len(items) != 1 {
		t.Errorf("%d items, want 1", len(items))
	}
	if after, _ := app.CountRecords(schema.Contacts); after != contacts+1 {
		t.Errorf("contacts %d → %d, want one more", contacts, after)
	}
}

func TestAReplayAfterARestartIsRefused(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Sent before the restart"))
	if _, status := post(t, srv.Client(), srv.URL, v); status != 200 {
		t.Fatalf("first post: %d", status)
	}
	restarted := testapp.Restart(t, app)
	srv = testapp.Serve(t, restarted)
	resp, got := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", jsonType, asJSON(v))
	status := resp.StatusCode
	if status != 400 || !strings.Contains(got, "This form was already sent") {
		t.Errorf("replay after a restart: %d %s", status, got)
	}
	if items := itemsSaying(t, restarted, "Sent before the restart"); len(items) != 1 {
		t.Errorf("%d items, want 1", len(items))
	}
	if _, status := post(t, srv.Client(), srv.URL, signed(t, restarted, answers())); status != 200 {
		t.Errorf("a new form after the restart: %d", status)
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
		burst := slices.Contains(itemOf(t, app, res.Receipt).GetStringSlice("flags"), schema.FlagBurst)
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
