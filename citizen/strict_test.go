package citizen_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// inputProbe is one bad (or tricky) input, sent as JSON and, when a form can send it, as a
// plain post. raw holds JSON values as written (answers.{key} inside "answers"); form holds
// what a plain post sends instead (nil: a form cannot, e.g. a number where text belongs).
type inputProbe struct {
	name      string
	raw, form map[string]string
	// field and msg (a catalog key) of the refusal; "" when the input is taken
	field, msg string
	// lang is the language of the messages when the probe breaks the language itself
	lang string
	// stored checks what was kept of a taken input
	stored func(t testing.TB, app core.App, item *core.Record)
}

// probeJSON is a complete experience as JSON with some values replaced by raw JSON, byte for
// byte (json.Marshal would fix invalid UTF-8 on the way).
func probeJSON(v url.Values, raw map[string]string) string {
	v = with(v)
	for k := range raw {
		v.Set(k, "\x01"+k)
	}
	doc := asJSON(v)
	for k, r := range raw {
		doc = strings.Replace(doc, `"\u0001`+k+`"`, r, 1)
	}
	return doc
}

// TestStrictInput: each field's type and characters are checked, with a message on that
// field in the form's language, over JSON and plain posts alike; invisible text (fillers and
// lone marks too) is empty; bidi controls are refused; joiners inside Devanagari words, and
// lines in the comment, are kept as written.
func TestStrictInput(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	unreadable, badChars := "error.unreadable_field", "error.bad_characters"
	const invisible = "\u200b\u2060\ufeff \u00a0\u200c\u200d\t"
	const joined = "क्\u200dष और र\u200c्\nदूसरी पंक्ति\tठीक"
	// the blank braille pattern, the Hangul fillers, and marks with no letter to sit on
	const fillers = "\u2800\u3164\u115f\u1160\uffa0 \u0301\u093f\u094d"
	complaint := map[string]string{"kind": "complaint", "answers.complaint_about": "behaviour"}
	probes := []inputProbe{
		{name: "station a number", raw: map[string]string{"station": `5`}, field: "station", msg: unreadable},
		{name: "kind a boolean", raw: map[string]string{"kind": `true`}, field: "kind", msg: unreadable},
		{name: "comment a number", raw: map[string]string{"comment": `12`}, field: "comment", msg: unreadable},
		{name: "visit date a list", raw: map[string]string{"visit_date": `[]`}, field: "visit_date", msg: unreadable},
		{name: "name an object", raw: map[string]string{"name": `{"a":1}`}, field: "name", msg: unreadable},
		{name: "mobile a number", raw: map[string]string{"mobile": `9876543210`, "consent": `true`}, field: "mobile", msg: unreadable},
		{name: "text answer a number", raw: map[string]string{"answers.officer_name": `5`}, field: "answers.officer_name", msg: unreadable},
		{name: "consent an object", raw: map[string]string{"consent": `{}`}, field: "consent", msg: unreadable},
		{name: "lang an object", raw: map[string]string{"lang": `{}`}, field: "lang", msg: unreadable, lang: "hi"},
		{name: "lang no catalog has", raw: map[string]string{"lang": `"xx"`}, form: map[string]string{"lang": "xx"}, field: "lang", msg: "error.lang", lang: "hi"},
		{name: "invalid UTF-8", raw: map[string]string{"comment": "\"ab\xffcd\""}, form: map[string]string{"comment": "ab\xffcd"}, field: "comment", msg: badChars},
		{name: "lone surrogate", raw: map[string]string{"comment": `"ab\udc00cd"`}, field: "comment", msg: badChars},
		{name: "NUL", raw: map[string]string{"comment": `"a\u0000b"`}, form: map[string]string{"comment": "a\x00b"}, field: "comment", msg: badChars},
		{name: "bell in a name", raw: map[string]string{"name": `"Ra\u0007vi"`}, form: map[string]string{"name": "Ra\avi"}, field: "name", msg: badChars},
		{name: "new line in a one-line answer", raw: map[string]string{"answers.officer_name": `"SI\nSharma"`},
			form: map[string]string{"answers.officer_name": "SI\nSharma"}, field: "answers.officer_name", msg: badChars},
		{name: "complaint of invisible characters", raw: map[string]string{"kind": `"complaint"`, "answers.complaint_about": `"behaviour"`,
			"comment": `"\u200b\u2060\ufeff \u00a0\u200c\u200d\t"`}, form: merge(complaint, "comment", invisible), field: "comment", msg: "error.complaint"},
		{name: "invisible name, no tick: no contact", raw: map[string]string{"name": `"\u200b\u00a0"`}, form: map[string]string{"name": "\u200b\u00a0"},
			stored: noContact},
		{name: "complaint of fillers and lone marks", raw: map[string]string{"kind": `"complaint"`, "answers.complaint_about": `"behaviour"`,
			"comment": mustJSON(fillers)}, form: merge(complaint, "comment", fillers), field: "comment", msg: "error.complaint"},
		{name: "name of fillers, no tick: no contact", raw: map[string]string{"name": mustJSON("\u3164\u2800")}, form: map[string]string{"name": "\u3164\u2800"},
			stored: noContact},
		{name: "override in a name", raw: map[string]string{"name": mustJSON("Ra\u202evi")}, form: map[string]string{"name": "Ra\u202evi"}, field: "name", msg: badChars},
		{name: "embedding in a mobile", raw: map[string]string{"mobile": mustJSON("\u202d9876543210"), "consent": `true`},
			form: map[string]string{"mobile": "\u202d9876543210", "consent": "yes"}, field: "mobile", msg: badChars},
		{name: "isolate in a one-line answer", raw: map[string]string{"answers.officer_name": mustJSON("SI \u2067Sharma\u2069")},
			form: map[string]string{"answers.officer_name": "SI \u2067Sharma\u2069"}, field: "answers.officer_name", msg: badChars},
		{name: "override in the comment", raw: map[string]string{"comment": mustJSON("paid \u202e0005\u202c rupees")},
			form: map[string]string{"comment": "paid \u202e0005\u202c rupees"}, field: "comment", msg: badChars},
		{name: "joiners and lines kept", raw: map[string]string{"comment": mustJSON(joined)}, form: map[string]string{"comment": joined},
			stored: func(t testing.TB, app core.App, item *core.Record) {
				if got := item.GetString("comment"); got != joined {
					t.Errorf("comment stored as %q, want %q", got, joined)
				}
			}},
		{name: "station code in capitals", raw: map[string]string{"station": `"ST-A"`}, form: map[string]string{"station": "ST-A"}},
	}
	noRedirect := func(client *http.Client) *http.Client {
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		return client
	}
	for i, p := range probes {
		// an address per probe: each sends up to four posts, and the limit is 30 a minute
		client := noRedirect(clientAt(fmt.Sprintf("127.0.0.%d", 100+i)))
		for _, lang := range []string{"hi", "en"} {
			base := signed(t, app, with(answers(), "lang", lang)) // the token is for st-a, whatever the probe sends
			msgLang := lang
			if p.lang != "" {
				msgLang = p.lang
			}
			msg := ""
			if p.msg != "" {
				msg = words.T(msgLang, p.msg)
			}
			before, _ := app.CountRecords(schema.Feedback)
			res, body := exchange(t, client, "POST", srv.URL+"/api/feedback", "application/json", probeJSON(base, p.raw))
			checkJSONProbe(t, p, lang, res.StatusCode, body, msg)
			checkStored(t, app, p, before)
			if p.form == nil {
				continue
			}
			v := signed(t, app, base) // a fresh form: a token serves one post
			for k, s := range p.form {
				v.Set(k, s)
			}
			before, _ = app.CountRecords(schema.Feedback)
			res, body = exchange(t, client, "POST", srv.URL+"/api/feedback", "application/x-www-form-urlencoded", v.Encode())
			checkFormProbe(t, p, lang, res.StatusCode, body, msg)
			checkStored(t, app, p, before)
		}
	}
}

// noContact: an invisible name, without the tick, keeps no contact.
func noContact(t testing.TB, app core.App, item *core.Record) {
	if c, err := app.FindFirstRecordByData(schema.Contacts, "feedback", item.Id); err == nil {
		t.Errorf("contact kept for an invisible name: %v", c.FieldsData())
	}
}

func merge(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func checkJSONProbe(t testing.TB, p inputProbe, lang string, status int, body, msg string) {
	t.Helper()
	if p.field == "" {
		if status != http.StatusOK || !strings.Contains(body, `"receipt"`) {
			t.Errorf("%s (JSON, %s): %d %s, want it taken", p.name, lang, status, body)
		}
		return
	}
	var doc struct {
		Data map[string]struct{ Message string }
	}
	_ = json.Unmarshal([]byte(body), &doc)
	if got := doc.Data[p.field].Message; status != http.StatusBadRequest || got != msg {
		t.Errorf("%s (JSON, %s): %d, %s says %q, want 400 and %q (%s)", p.name, lang, status, p.field, got, msg, body)
	}
}

func checkFormProbe(t testing.TB, p inputProbe, lang string, status int, body, msg string) {
	t.Helper()
	if p.field == "" {
		if status != http.StatusSeeOther {
			t.Errorf("%s (form, %s): %d, want 303 to the thank-you page", p.name, lang, status)
		}
		return
	}
	// the message under its field, or over the form for a field the citizen does not see
	where := regexp.MustCompile(`(?s)data-field="` + regexp.QuoteMeta(p.field) + `">.*?<p class="error" role="alert">` + regexp.QuoteMeta(html.EscapeString(msg)) + `</p>`)
	if p.field == "lang" {
		where = regexp.MustCompile(`<p class="errors"[^>]*>` + regexp.QuoteMeta(html.EscapeString(msg)) + `</p>`)
	}
	if status != http.StatusBadRequest || !where.MatchString(body) || !strings.Contains(body, `<form id="feedback"`) {
		t.Errorf("%s (form, %s): %d, want 400 and the form with %q on %s", p.name, lang, status, msg, p.field)
	}
}

// checkStored: a refused probe stores nothing, a taken one exactly one item.
func checkStored(t testing.TB, app core.App, p inputProbe, before int64) {
	t.Helper()
	after, _ := app.CountRecords(schema.Feedback)
	want := before
	if p.field == "" {
		want++
	}
	if after != want {
		t.Errorf("%s: %d items stored, want %d", p.name, after-before, want-before)
		return
	}
	if p.stored != nil {
		var id string
		_ = app.DB().Select("id").From(schema.Feedback).OrderBy("rowid DESC").Limit(1).Row(&id)
		item, err := app.FindRecordById(schema.Feedback, id)
		if err != nil {
			t.Fatalf("newest item: %v", err)
		}
		p.stored(t, app, item)
	}
}
