package citizen_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/abuse"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// answers is a complete experience, as a plain form sends it; cases change fields.
func answers() url.Values {
	return url.Values{"station": {"st-a"}, "kind": {"experience"}, "lang": {"en"}, "rating": {"4"},
		"answers.purpose": {"fir"}, "answers.staff_available": {"yes"}, "answers.staff_helped": {"yes"},
		"answers.behaviour": {"4"}, "answers.problem_solved": {"yes"}, "comment": {"Quick and polite."}}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

// asJSON turns form values into the JSON submission: answers.{key} into an answers object.
func asJSON(v url.Values) string {
	doc := map[string]any{}
	ans := map[string]any{}
	for k := range v {
		if key, ok := strings.CutPrefix(k, "answers."); ok {
			ans[key] = v.Get(k)
		} else {
			doc[k] = v.Get(k)
		}
	}
	doc["answers"] = ans
	b, _ := json.Marshal(doc)
	return string(b)
}

// lazyBody lets a scenario sign its form token with the test app's own key.
type lazyBody struct{ r io.Reader }

func (l *lazyBody) Read(p []byte) (int, error) { return l.r.Read(p) }

type token int

const (
	validToken token = iota // served a minute ago
	noToken
	forgedToken
	quickToken // served just now: sent too fast
)

type submitCase struct {
	name      string
	values    url.Values
	json      bool
	acceptsJS bool
	token     token
	status    int
	want      []string
	notWant   []string
	// check inspects the newest item (nil when none was stored).
	check func(t testing.TB, app *tests.TestApp, item *core.Record)
}

func (c submitCase) scenario() tests.ApiScenario {
	body := &lazyBody{}
	headers := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	if c.json {
		headers["Content-Type"] = "application/json"
	}
	if c.acceptsJS {
		headers["Accept"] = "application/json"
	}
	var before int64
	if len(c.want) == 0 {
		c.want = []string{""} // any body
	}
	return tests.ApiScenario{
		Name: c.name, Method: http.MethodPost, URL: "/api/feedback", Body: body, Headers: headers,
		ExpectedStatus: c.status, ExpectedContent: c.want, NotExpectedContent: c.notWant,
		TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			v := with(c.values)
			code := v.Get("station")
			switch c.token {
			case validToken:
				tok, _ := abuse.NewToken(app, code, time.Now().Add(-time.Minute))
				v.Set("token", tok)
			case quickToken:
				tok, _ := abuse.NewToken(app, code, time.Now())
				v.Set("token", tok)
			case forgedToken:
				tok, _ := abuse.NewToken(app, "st-b", time.Now().Add(-time.Minute))
				v.Set("token", tok)
			}
			if c.json {
				body.r = strings.NewReader(asJSON(v))
			} else {
				body.r = strings.NewReader(v.Encode())
			}
			before, _ = app.CountRecords(schema.Feedback)
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			after, _ := app.CountRecords(schema.Feedback)
			var item *core.Record
			if after > before {
				var id string
				_ = app.DB().NewQuery("SELECT id FROM feedback ORDER BY rowid DESC LIMIT 1").Row(&id)
				var err error
				if item, err = app.FindRecordById(schema.Feedback, id); err != nil {
					t.Fatalf("newest item: %v", err)
				}
			}
			// a plain post is redirected to its thank-you page once stored
			accepted := c.status == http.StatusOK || c.status == http.StatusSeeOther
			if !accepted && item != nil {
				t.Fatalf("a refused submission stored an item")
			}
			if accepted && item == nil {
				t.Fatalf("an accepted submission stored nothing")
			}
			if c.check != nil {
				c.check(t, app, item)
			}
		},
	}
}

func flagged(want ...string) func(t testing.TB, app *tests.TestApp, item *core.Record) {
	return func(t testing.TB, app *tests.TestApp, item *core.Record) {
		if got := item.GetStringSlice("flags"); !slices.Equal(got, want) {
			t.Errorf("flags %v, want %v", got, want)
		}
	}
}

func TestSubmit(t *testing.T) {
	stored := func(t testing.TB, app *tests.TestApp, item *core.Record) {
		if item.GetString("channel") != schema.ChannelQR || item.GetString("status") != schema.StatusNew ||
			item.GetString("lang") != "en" || item.GetInt("rating") != 4 || len(item.GetString("device_hash")) != 64 ||
			len(item.GetString("receipt_hash")) != 64 || item.GetString("entered_by") != "" || len(item.GetStringSlice("flags")) != 0 {
			t.Errorf("stored item %v", item.FieldsData())
		}
	}
	cases := []submitCase{
		{name: "JSON: receipt once, as JSON", values: answers(), json: true, status: 200,
			want: []string{`{"receipt":"`}, check: stored},
		{name: "plain form post: stored, see the thank-you page", values: answers(), status: 303, check: stored},
		{name: "form.js asks for JSON", values: answers(), acceptsJS: true, status: 200, want: []string{`{"receipt":"`}},
		{name: "JSON: a message per field, in English", values: with(answers(), "rating", "7", "answers.purpose", "", "mobile", "12345"), json: true,
			status: 400, want: []string{`"rating":{"code":"validation_invalid","message":"Choose 1 to 5 stars."}`,
				`"answers.purpose":{"code":"validation_invalid","message":"Please answer this."}`, `"mobile":`, `"consent":`}},
		{name: "JSON: messages in Hindi", values: with(answers(), "lang", "hi", "rating", "abc"), json: true,
			status: 400, want: []string{`"rating":{"code":"validation_invalid","message":"1 से 5 तारों में से चुनें।"}`}},
		{name: "plain form: the form again, everything typed kept", status: 400,
			values: with(answers(), "answers.behaviour", "", "comment", `Two hours <b>waiting</b> & "no" help`, "name", "Ravi", "mobile", "98765 43210"),
			want: []string{`<form id="feedback"`, "Some answers need correcting", "Please answer this.",
				`Two hours &lt;b&gt;waiting&lt;/b&gt; &amp; &#34;no&#34; help</textarea>`, `value="Ravi"`, `value="98765 43210"`,
				`value="fir" checked`, `value="4" checked`, "You gave a name or mobile. If you want the police to contact you, tick this box"},
			notWant: []string{"<b>waiting</b>"}},
		{name: "no token: refused with a message, text kept, fresh token", values: with(answers(), "comment", "kept text"), token: noToken,
			status: 400, want: []string{"This form has expired", "kept text</textarea>", `name="token" value="1`}},
		{name: "JSON without a token", values: answers(), json: true, token: noToken, status: 400, want: []string{`"token":`}},
		{name: "token of another station", values: answers(), token: forgedToken, status: 400, want: []string{"This form has expired"}},
		{name: "sent too fast: stored, flagged burst", values: answers(), token: quickToken, status: 303, check: flagged(schema.FlagBurst)},
		{name: "honeypot filled: refused", values: with(answers(), "website", "http://spam.example"), status: 400,
			want: []string{"Leave this field empty."}, notWant: []string{"spam.example"}},
		{name: "unknown station: 404", values: with(answers(), "station", "nowhere"), json: true, status: 404, want: []string{`"status":404`}},
		{name: "inactive station: 404 page", values: with(answers(), "station", "st-off"), status: 404, want: []string{"Police station not found"}},
		{name: "low rating: negative", values: with(answers(), "rating", "2"), status: 303, check: flagged(schema.FlagNegative)},
		{name: "unsolved problem: negative", values: with(answers(), "answers.problem_solved", "no"), status: 303, check: flagged(schema.FlagNegative)},
		{name: "urgent word in Hindi", values: with(answers(), "comment", "मुंशी ने 500 रुपये रिश्वत मांगी"), status: 303, check: flagged(schema.FlagUrgent)},
		{name: "complaint of behaviour: not urgent by its kind", values: with(answers(), "kind", "complaint", "answers.complaint_about", "behaviour", "comment", "He shouted at my mother."),
			status: 303, check: flagged()},
		{name: "complaint of money demanded: urgent", values: with(answers(), "kind", "complaint", "answers.complaint_about", "bribe", "comment", "At the desk."),
			status: 303, check: flagged(schema.FlagUrgent)},
		{name: "tip with contact: contact stored", status: 303,
			values: url.Values{"station": {"st-b"}, "kind": {"tip"}, "answers.tip_about": {"gambling"}, "answers.tip_place": {"Old market"},
				"name": {"Anil"}, "mobile": {"+91 98765 43210"}, "consent": {"yes"}},
			check: func(t testing.TB, app *tests.TestApp, item *core.Record) {
				c, err := app.FindFirstRecordByData(schema.Contacts, "feedback", item.Id)
				if err != nil || c.GetString("mobile") != "9876543210" || c.GetString("name") != "Anil" || !c.GetBool("consent") {
					t.Errorf("contact %v, %v", c, err)
				}
				if item.GetString("lang") != "hi" {
					t.Errorf("default language %q", item.GetString("lang"))
				}
			}},
	}
	for _, c := range cases {
		s := c.scenario()
		s.Test(t)
	}
}

func TestSubmitRefusesWhatIsNotASubmission(t *testing.T) {
	for _, c := range []struct {
		name, contentType, body string
		status                  int
	}{
		{"huge body", "application/json", `{"comment":"` + strings.Repeat("x", 70<<10) + `"}`, http.StatusRequestEntityTooLarge},
		{"JSON array", "application/json", `[1,2]`, http.StatusBadRequest},
		{"plain text", "text/plain", "hello", http.StatusBadRequest},
	} {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/feedback", ExpectedStatus: c.status,
			Headers:         map[string]string{"Content-Type": c.contentType},
			Body:            strings.NewReader(c.body),
			ExpectedContent: []string{`"status":`},
			// never Go's own words: a citizen cannot act on them
			NotExpectedContent: []string{"json:", "invalid character", "cannot unmarshal", "not \"text/plain\""},
			TestAppFactory:     func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
		}
		s.Test(t)
	}
}

// post submits a form as one client of a served app and returns the receipt.
func post(t testing.TB, client *http.Client, base string, v url.Values) (string, int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/feedback", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Mozilla/5.0 (Linux; Android 8.1.0; itel A16) Chrome/80")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Receipt string }
	_ = json.NewDecoder(res.Body).Decode(&body)
	return body.Receipt, res.StatusCode
}

func signed(t testing.TB, app core.App, v url.Values) url.Values {
	tok, err := abuse.NewToken(app, v.Get("station"), time.Now().Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return with(v, "token", tok)
}

func TestSeveralItemsFromOneDeviceAreABurst(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	var receipts []string
	for range 4 {
		r, status := post(t, srv.Client(), srv.URL, signed(t, app, answers()))
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		receipts = append(receipts, r)
	}
	// Another station from the same phone is not part of the burst.
	other, _ := post(t, srv.Client(), srv.URL, signed(t, app, with(answers(), "station", "st-b")))
	want := map[string]bool{receipts[0]: false, receipts[1]: false, receipts[2]: true, receipts[3]: true, other: false}
	for r, burst := range want {
		item := testapp.ItemOf(t, app, r)
		if got := slices.Contains(item.GetStringSlice("flags"), schema.FlagBurst); got != burst {
			t.Errorf("item %s: burst %v, want %v", r, got, burst)
		}
	}
}

// A station sees the burst flag on its experience items, so complaints and tip-offs are
// counted apart: two complaints about a station and then an experience item from the same
// phone must not mark the experience item, which would tell the station that its author
// had complained about it.
func TestComplaintsDoNotCountTowardsAnExperienceBurst(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	complaint := with(answers(), "kind", "complaint", "answers.complaint_about", "behaviour", "comment", "He shouted at my mother.")
	var complaints []string
	for range 3 {
		r, status := post(t, srv.Client(), srv.URL, signed(t, app, complaint))
		if status != http.StatusOK {
			t.Fatalf("complaint: status %d", status)
		}
		complaints = append(complaints, r)
	}
	experience, status := post(t, srv.Client(), srv.URL, signed(t, app, answers()))
	if status != http.StatusOK {
		t.Fatalf("experience: status %d", status)
	}
	want := map[string]bool{complaints[0]: false, complaints[1]: false, complaints[2]: true, experience: false}
	for r, burst := range want {
		item := testapp.ItemOf(t, app, r)
		if got := slices.Contains(item.GetStringSlice("flags"), schema.FlagBurst); got != burst {
			t.Errorf("%s item %s: burst %v, want %v", item.GetString("kind"), r, got, burst)
		}
	}
}

// request sends one request and returns its status; headers are name, value pairs.
func request(t testing.TB, client *http.Client, method, url, contentType, body string, headers ...string) int {
	t.Helper()
	res, _ := exchange(t, client, method, url, contentType, body, headers...)
	return res.StatusCode
}
