package citizen_test

import (
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// exchange sends one request and returns the response (its body read) and the body.
func exchange(t testing.TB, client *http.Client, method, u, contentType, body string, headers ...string) (*http.Response, string) {
	t.Helper()
	return exchangeReader(t, client, method, u, contentType, strings.NewReader(body), headers...)
}

func exchangeReader(t testing.TB, client *http.Client, method, u, contentType string, body io.Reader, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// browser is a client that keeps cookies and does not follow redirects, to look at them.
func browser(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var receiptPattern = regexp.MustCompile(`\d{4}-\d{4}-\d{4}-\d{4}`)

// TestPlainPostIsRedirectedToItsReceiptOnce: a stored plain post answers 303 to the station's
// thank-you page, in the post's language; the receipt travels in a strict, short-lived cookie
// for that page only, never in the URL; the page shows it once and clears it, and a reload
// says the item was sent, with no receipt and no second item.
func TestPlainPostIsRedirectedToItsReceiptOnce(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	const form = "application/x-www-form-urlencoded"
	for _, lang := range []string{"hi", "en"} {
		client := browser(t)
		comment := "Redirected once, " + lang
		res, _ := exchange(t, client, "POST", srv.URL+"/api/feedback", form,
			signed(t, app, with(answers(), "lang", lang, "comment", comment)).Encode())
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || loc != "/s/st-a/thanks?lang="+lang {
			t.Fatalf("%s: %d to %q, want 303 to the thank-you page", lang, res.StatusCode, loc)
		}
		var cookie *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "receipt" {
				cookie = c
			}
		}
		if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure ||
			cookie.Path != "/s/st-a/thanks" || cookie.MaxAge != 600 || !receiptPattern.MatchString(cookie.Value) {
			t.Fatalf("receipt cookie %+v", cookie)
		}
		number := cookie.Value
		if strings.Contains(loc, number) || strings.Contains(loc, strings.ReplaceAll(number, "-", "")) {
			t.Fatalf("the receipt is in the URL %q", loc)
		}

		res, page := exchange(t, client, "GET", srv.URL+loc, "", "")
		for _, want := range []string{number, html.EscapeString(words.T(lang, "sent.title")), html.EscapeString(words.T(lang, "sent.save")),
			"थाना st-a", "Station st-a", `href="/track"`, `href="/s/st-a"`, `<html lang="` + lang + `">`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s thank-you page lacks %q", lang, want)
			}
		}
		if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s thank-you page: %d, Cache-Control %q", lang, res.StatusCode, res.Header.Get("Cache-Control"))
		}
		if cleared := res.Cookies(); len(cleared) == 0 || cleared[len(cleared)-1].Name != "receipt" || cleared[len(cleared)-1].MaxAge >= 0 {
			t.Errorf("the page does not clear the receipt's cookie: %v", cleared)
		}
		testapp.ItemOf(t, app, number)

		for range 2 { // reloads
			res, page = exchange(t, client, "GET", srv.URL+loc, "", "")
			if res.StatusCode != http.StatusOK || receiptPattern.MatchString(page) ||
				!strings.Contains(page, html.EscapeString(words.T(lang, "thanks.gone_text"))) || !strings.Contains(page, `href="/s/st-a"`) {
				t.Errorf("%s reload: %d %s", lang, res.StatusCode, page)
			}
		}
		if n, _ := app.CountRecords(schema.Feedback, dbx.HashExp{"comment": comment}); n != 1 {
			t.Errorf("%s: %d items, want 1", lang, n)
		}
	}

	// over https (behind the appliance's proxy) the cookie is sent over https only
	res, _ := exchange(t, browser(t), "POST", srv.URL+"/api/feedback", form, signed(t, app, answers()).Encode(), "X-Forwarded-Proto", "https")
	if c := res.Cookies(); len(c) == 0 || !c[0].Secure {
		t.Errorf("over https: cookies %v, want Secure", c)
	}
	// another station's thank-you page never sees the cookie; an unknown one is not found
	if res, _ := exchange(t, browser(t), "GET", srv.URL+"/s/nowhere/thanks", "", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown station's thank-you page: %d", res.StatusCode)
	}
}

// TestRefusedPlainPostsBringBackTheForm: every refusal of a plain post, whoever refuses it
// (the handler, the body limit, a body that cannot be read), is the form again in its
// language with what was typed and the reason, never JSON.
func TestRefusedPlainPostsBringBackTheForm(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	const form = "application/x-www-form-urlencoded"
	typed := func(lang string, kv ...string) string {
		return signed(t, app, with(answers(), append([]string{"lang", lang, "name", "Ravi", "mobile", "98765 43210", "consent", "yes"}, kv...)...)).Encode()
	}
	action := "/api/feedback?station=st-a&kind=experience&lang="
	long := strings.Repeat("क", 8000)  // 72 KB as a form: over the limit, kept
	huge := strings.Repeat("क", 40000) // 360 KB: over what is kept
	multipartType, multipartOf := multipartForm()
	for _, c := range []struct {
		name, lang, query, contentType, body string
		status                               int
		reason                               string
		want                                 []string
		chunked                              bool // sent without a Content-Length
	}{
		{"invalid answer", "hi", "", form, typed("hi", "rating", "9"), 400, "error.fix", []string{"1 से 5 तारों में से चुनें।", `value="Ravi"`}, false},
		{"bad escape", "en", "", form, typed("en") + "&bad=%zz", 400, "error.unreadable_post", []string{`value="Ravi"`, `value="98765 43210"`, `value="fir" checked`, "Quick and polite.</textarea>"}, false},
		{"broken multipart", "en", "en", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhalf", 400,
			"error.unreadable_post", []string{`name="token" value="1`}, false},
		{"too large", "hi", "", form, typed("hi", "comment", long), 413, "error.too_large", []string{"ज़्यादा से ज़्यादा 2000 अक्षर लिखें।", `value="Ravi"`, long[:300]}, false},
		{"too large to keep", "en", "en", form, typed("en", "comment", huge), 413, "error.too_large", []string{`<form id="feedback"`}, false},
		{"too large, chunked", "hi", "", form, typed("hi", "comment", long), 413, "error.too_large", []string{"ज़्यादा से ज़्यादा 2000 अक्षर लिखें।", `value="Ravi"`}, true},
		{"too large, multipart", "en", "", multipartType, multipartOf(t, typed("en", "comment", huge)) /* 120 KB: no percent signs */, 413, "error.too_large",
			[]string{"Write at most 2000 characters.", `value="Ravi"`, `value="fir" checked`}, false},
	} {
		u := srv.URL + "/api/feedback"
		if c.query != "" {
			u = srv.URL + action + c.query
		}
		var body io.Reader = strings.NewReader(c.body)
		if c.chunked {
			body = io.MultiReader(body) // a reader of unknown length: the limit is met while reading
		}
		res, page := exchangeReader(t, srv.Client(), "POST", u, c.contentType, body)
		if res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s, want %d and the form", c.name, res.StatusCode, res.Header.Get("Content-Type"), c.status)
		}
		for _, want := range append(c.want, html.EscapeString(words.T(c.lang, c.reason)), `<html lang="`+c.lang+`">`, `<form id="feedback"`) {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the form lacks %.80q", c.name, want)
			}
		}
		if strings.Contains(page, "invalid URL escape") || strings.Contains(page, "multipart") {
			t.Errorf("%s: Go's error text shown to the citizen", c.name)
		}
		// every answer was sent: none is marked missing, not even where none came back
		if strings.Contains(page, `role="alert">`+html.EscapeString(words.T(c.lang, "error.required"))) {
			t.Errorf("%s: a question is marked unanswered", c.name)
		}
		if c.reason != "error.fix" && strings.Contains(page, html.EscapeString(words.T(c.lang, "error.fix"))) {
			t.Errorf("%s: the form says to correct the answers", c.name)
		}
	}

	// an unknown station: the friendly page; a body naming no station at all is no form's
	if res, page := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", form, typed("en", "station", "nowhere")); res.StatusCode != 404 ||
		!strings.Contains(page, "Police station not found") {
		t.Errorf("unknown station: %d %s", res.StatusCode, page)
	}
	if res, page := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", "text/plain", "hello"); res.StatusCode != 400 ||
		!strings.Contains(page, `"status":400`) {
		t.Errorf("text/plain without a station: %d %s", res.StatusCode, page)
	}
}

// TestFormRefusalSaysOnlyItsOwnReason: a refused form with no answer marked (another site's
// page, an expired form, a resend) says its own reason on top, once, and nothing about
// correcting answers; with an answer marked too, both are said.
func TestFormRefusalSaysOnlyItsOwnReason(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	const form = "application/x-www-form-urlencoded"
	sent := signed(t, app, with(answers(), "comment", "Sent twice"))
	exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", form, sent.Encode())
	// the same words again would get the same receipt: a resend is refused for other words
	resent := with(sent, "comment", "Other words").Encode()
	for _, c := range []struct {
		name, body string
		headers    []string
		reason     string
		fix        bool
	}{
		{"another site's page", signed(t, app, answers()).Encode(), []string{"Origin", "https://evil.example"}, "error.cross_site", false},
		{"an expired form", with(answers(), "token", "1.0.forged").Encode(), nil, "error.token", false},
		{"a resend with other words", resent, nil, "error.replay", false},
		{"an expired form with a bad answer", with(answers(), "token", "1.0.forged", "rating", "9").Encode(), nil, "error.fix", true},
	} {
		res, page := exchange(t, srv.Client(), "POST", srv.URL+"/api/feedback", form, c.body, c.headers...)
		tops := 1 // the reason; and the expired form's own line under it
		if c.fix {
			tops = 2
		}
		top := `<p class="errors" role="alert">` + html.EscapeString(words.T("en", c.reason)) + `</p>`
		if res.StatusCode != http.StatusBadRequest || strings.Count(page, top) != 1 || strings.Count(page, `class="errors"`) != tops {
			t.Errorf("%s: %d, want 400 and %s alone on top", c.name, res.StatusCode, top)
		}
		if !c.fix && strings.Contains(page, words.T("en", "error.fix")) {
			t.Errorf("%s: the form says to correct the answers", c.name)
		}
		if c.fix && !strings.Contains(page, html.EscapeString(words.T("en", "error.token"))) {
			t.Errorf("%s: the expired form is not said", c.name)
		}
	}
}

// TestRateLimitedPlainPostBringsBackTheForm: PocketBase's own limiter answers the 31st post
// of a minute; a plain post gets its form back with what was typed, a JSON client JSON.
func TestRateLimitedPlainPostBringsBackTheForm(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	client := clientAt("127.0.0.61")
	body := signed(t, app, with(answers(), "lang", "hi", "comment", "दो घंटे इंतज़ार", "name", "Ravi", "mobile", "9876543210", "consent", "yes")).Encode()
	for i := 1; ; i++ {
		res, page := exchange(t, client, "POST", srv.URL+"/api/feedback?station=st-a&kind=experience&lang=hi",
			"application/x-www-form-urlencoded", body, "Accept", "text/html")
		if res.StatusCode != http.StatusTooManyRequests {
			if i > 30 {
				t.Fatalf("post %d: %d, want 429", i, res.StatusCode)
			}
			continue
		}
		for _, want := range []string{html.EscapeString(words.T("hi", "error.too_many")), "दो घंटे इंतज़ार</textarea>", `value="Ravi"`, `value="9876543210"`, `name="token" value="1`} {
			if !strings.Contains(page, want) {
				t.Errorf("the rate-limited form lacks %q", want)
			}
		}
		break
	}
	res, page := exchange(t, client, "POST", srv.URL+"/api/feedback", "application/json", asJSON(url.Values{"station": {"st-a"}}))
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, `"status":429`) {
		t.Errorf("JSON client limited: %d %s", res.StatusCode, page)
	}
}

// multipartForm gives a multipart/form-data content type and a function that writes a
// urlencoded form as such a body.
func multipartForm() (string, func(testing.TB, string) string) {
	const boundary = "anubhav-test-boundary"
	return "multipart/form-data; boundary=" + boundary, func(t testing.TB, encoded string) string {
		v, err := url.ParseQuery(encoded)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		w := multipart.NewWriter(&b)
		_ = w.SetBoundary(boundary)
		for k, vs := range v {
			_ = w.WriteField(k, vs[0])
		}
		_ = w.Close()
		return b.String()
	}
}
