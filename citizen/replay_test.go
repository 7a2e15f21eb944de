package citizen_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"anubhav/abuse"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/testkit/testapp"
)

// A form sent again with the same words (its first answer lost on the way) gets the same
// receipt, as JSON or as a plain post's thank-you page, and nothing is stored twice.
func TestTheSameFormSentAgainGetsTheSameReceipt(t *testing.T) {
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Replayed words", "name", "Ravi", "mobile", "98765 43210", "consent", "yes"))
	contacts, _ := app.CountRecords(schema.Contacts)
	first, status := post(t, srv.Client(), srv.URL, v)
	if status != 200 || first == "" {
		t.Fatalf("first post: %d", status)
	}
	// normalised alike: the mobile as typed with a prefix, the text with spaces around it
	again, status := post(t, srv.Client(), srv.URL, with(v, "mobile", "+91 9876543210", "comment", " Replayed words "))
	if status != 200 || again != first {
		t.Errorf("the same form again: %d, receipt %q; want 200, %q", status, again, first)
	}
	resp, body := exchange(t, browser(t), "POST", srv.URL+"/api/feedback", formType, v.Encode())
	if got := cookieValue(resp, "receipt"); resp.StatusCode != http.StatusSeeOther || got != first {
		t.Errorf("the same form again, without JavaScript: %d, receipt cookie %q; want 303, %q\n%s", resp.StatusCode, got, first, body)
	}
	items := itemsSaying(t, app, "Replayed words")
	if len(items) != 1 {
		t.Fatalf("%d items for one form, want 1", len(items))
	}
	if after, _ := app.CountRecords(schema.Contacts); after != contacts+1 {
		t.Errorf("contacts %d → %d, want one more", contacts, after)
	}

	// The token's hash stays out of the officers' views.
	item := items[0]
	hash := item.GetString("form_token")
	if used, _ := abuse.TokenHash(app, v.Get("token")); hash != used || strings.Contains(hash, v.Get("token")) {
		t.Fatalf("form_token %q, want the token's keyed hash %q", hash, used)
	}
	for _, path := range []string{"/api/console/items/" + item.Id, "/api/console/items", "/api/collections/feedback/records/" + item.Id} {
		resp, got := exchange(t, srv.Client(), "GET", srv.URL+path, "", "", "Authorization", f.Tokens[testapp.SP])
		if strings.Contains(got, hash) || strings.Contains(got, "form_token") {
			t.Errorf("%s (%d) shows the form token's hash", path, resp.StatusCode)
		}
	}
}

// A spent form with other words is refused: the text comes back with a fresh token.
func TestASpentFormWithOtherWordsIsRefused(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "First words", "name", "Ravi", "mobile", "9876543210", "consent", "yes"))
	if _, status := post(t, srv.Client(), srv.URL, v); status != 200 {
		t.Fatalf("first post: %d", status)
	}
	for _, c := range []struct {
		name, contentType string
		changed           url.Values
		want              []string
	}{
		{"another text, as form.js sends it", jsonType, with(v, "comment", "Changed words"),
			[]string{`"token":{"code":"validation_invalid","message":"This form was already sent, and its receipt number was shown then. To send something new, press Send again."}`}},
		{"another text, a plain post: the form, text kept", formType, with(v, "comment", "Changed words"),
			[]string{`<form id="feedback"`, "This form was already sent", "Changed words</textarea>", `name="token" value="1`}},
		{"another rating", jsonType, with(v, "rating", "1"), []string{"This form was already sent"}},
		{"another answer", jsonType, with(v, "answers.purpose", "verification"), []string{"This form was already sent"}},
		{"another mobile", jsonType, with(v, "mobile", "9876543211"), []string{"This form was already sent"}},
		{"without the contact", jsonType, with(v, "name", "", "mobile", "", "consent", ""), []string{"This form was already sent"}},
		{"a complaint instead", formType, with(v, "kind", "complaint", "answers.complaint_about", "behaviour"), []string{"This form was already sent"}},
	} {
		body := c.changed.Encode()
		if c.contentType == jsonType {
			body = asJSON(c.changed)
		}
		resp, got := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", c.contentType, body)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400: %s", c.name, resp.StatusCode, got)
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
	if n, _ := app.CountRecords(schema.Feedback); len(itemsSaying(t, app, "First words")) != 1 || len(itemsSaying(t, app, "Changed words")) != 0 {
		t.Errorf("items after the refused resends: %d in all", n)
	}
}

// Presses that race (or a retry sent while the first is still being stored) give one item,
// one contact, and the same receipt to each.
func TestConcurrentPostsOfOneFormStoreOneItem(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Pressed twice", "name", "Ravi", "mobile", "9876543210", "consent", "yes"))
	contacts, _ := app.CountRecords(schema.Contacts)
	const presses = 8
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	for range presses {
		wg.Go(func() {
			r, status := post(t, srv.Client(), srv.URL, v)
			mu.Lock()
			defer mu.Unlock()
			if status != 200 {
				r = http.StatusText(status)
			}
			got = append(got, r)
		})
	}
	wg.Wait()
	slices.Sort(got)
	if len(slices.Compact(slices.Clone(got))) != 1 || got[0] == "" {
		t.Errorf("answers %v, want one receipt for all", got)
	}
	if items := itemsSaying(t, app, "Pressed twice"); len(items) != 1 {
		t.Errorf("%d items, want 1", len(items))
	}
	if after, _ := app.CountRecords(schema.Contacts); after != contacts+1 {
		t.Errorf("contacts %d → %d, want one more", contacts, after)
	}
}

// The token's item is found in the database, not in memory: after a restart a resend still
// gets its receipt, and a changed one is still refused.
func TestAResendAfterARestart(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Sent before the restart"))
	first, status := post(t, srv.Client(), srv.URL, v)
	if status != 200 {
		t.Fatalf("first post: %d", status)
	}
	restarted := testapp.Restart(t, app)
	srv = testapp.Serve(t, restarted)
	if again, status := post(t, srv.Client(), srv.URL, v); status != 200 || again != first {
		t.Errorf("resend after a restart: %d %q, want %q", status, again, first)
	}
	if _, status := post(t, srv.Client(), srv.URL, with(v, "comment", "Changed after the restart")); status != 400 {
		t.Errorf("changed resend after a restart: %d, want 400", status)
	}
	if items := itemsSaying(t, restarted, "Sent before the restart"); len(items) != 1 {
		t.Errorf("%d items, want 1", len(items))
	}
}

func cookieValue(resp *http.Response, name string) string {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Back and Send again without JavaScript brings a fresh form that the browser refills: for ten
// minutes after a plain post, the station's forms say that a form was just sent, so that the
// citizen sends again only something new. Nothing is refused: a real second item still goes.
func TestAFormJustSentIsNotedOnTheStationsForms(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	phone := browser(t)
	resp, _ := exchange(t, phone, "POST", srv.URL+"/api/feedback", formType, signed(t, app, with(answers(), "lang", "hi")).Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("plain post: %d", resp.StatusCode)
	}
	var marker *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "sent" {
			marker = c
		}
	}
	if marker == nil || marker.Path != "/s/st-a" || marker.MaxAge != 600 || !marker.HttpOnly {
		t.Fatalf("the marker cookie: %+v", marker)
	}
	const notice = "इस फ़ोन से कुछ मिनट पहले एक फ़ॉर्म भेजा गया था, और उसका रसीद नंबर तभी दिखाया गया था।"
	for _, path := range []string{"/s/st-a?lang=hi", "/s/st-a/complaint?lang=hi"} {
		if status, body := get(t, phone, srv.URL+path); status != 200 || !strings.Contains(body, notice) {
			t.Errorf("%s just after a post: %d, notice shown %v", path, status, strings.Contains(body, notice))
		}
	}
	if _, body := get(t, phone, srv.URL+"/s/st-a?lang=en"); !strings.Contains(body, "A form was sent from this phone a few minutes ago") {
		t.Errorf("the English form lacks the notice")
	}
	for name, c := range map[string]*http.Client{"another phone": browser(t), "another station": phone} {
		u := srv.URL + "/s/st-a?lang=hi"
		if name == "another station" {
			u = srv.URL + "/s/st-b?lang=hi"
		}
		if _, body := get(t, c, u); strings.Contains(body, notice) {
			t.Errorf("%s: the notice is shown", name)
		}
	}
	// sent again all the same: a second item, not refused
	resp, _ = exchange(t, phone, "POST", srv.URL+"/api/feedback", formType, signed(t, app, answers()).Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a second post after the notice: %d", resp.StatusCode)
	}
}

// A resend is answered with its receipt only while its form is valid (24 hours): later the
// token is refused before any item is looked up, so a form left open on a shared phone stops
// giving its receipt away.
func TestAnExpiredFormGetsNoReceipt(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	old, err := abuse.NewToken(app, "st-a", time.Now().Add(-abuse.MaxTokenAge-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	v := with(answers(), "comment", "Sent a day ago", "token", old)
	// stored while its form was valid (Submit itself does not look at the token's time)
	used, _ := abuse.TokenHash(app, old)
	if _, err := submission.Submit(app, submission.DecodeForm(v), submission.Source{Channel: schema.ChannelQR, FormToken: used}); err != nil {
		t.Fatal(err)
	}
	resp, got := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", jsonType, asJSON(v))
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(got, "receipt") || !strings.Contains(got, `"token":`) {
		t.Errorf("an expired form sent again: %d %s", resp.StatusCode, got)
	}
}
