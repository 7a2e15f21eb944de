package sms_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/testkit/testapp"
)

// provider is a local bulk-SMS gateway: it answers the given statuses in turn (then 200) and
// keeps every request.
type provider struct {
	mu       sync.Mutex
	statuses []int
	requests []string
}

func (p *provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = append(p.requests, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("X-Api-Key")+" "+string(body))
	status := http.StatusOK
	if len(p.statuses) > 0 {
		status, p.statuses = p.statuses[0], p.statuses[1:]
	}
	w.WriteHeader(status)
	io.WriteString(w, "answer for 9876543210")
}

// start runs a provider on loopback for the test; it answers the given statuses first.
func start(t *testing.T, statuses ...int) (*provider, string) {
	p := &provider{statuses: statuses}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv.URL
}

func (p *provider) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// configure sets the SMS settings of every row: the gateway is the deployment's (a
// superuser's), SMS on or off each district's.
func configure(t *testing.T, app core.App, settings map[string]any) {
	t.Helper()
	rows, err := app.FindAllRecords(schema.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for k, v := range settings {
			if k == "sms_enabled" || row.GetString("district") == "" {
				row.Set(k, v)
			}
		}
		if err := app.Save(row); err != nil {
			t.Fatal(err)
		}
	}
}

// reply has the district officer reply publicly to an item; recording it queues its SMS.
func reply(t *testing.T, app core.App, f *testapp.Fixture, item string) *core.Record {
	t.Helper()
	sp, err := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	if err != nil {
		t.Fatal(err)
	}
	r, err := console.Act(app, sp, f.Items[item], console.Action{Name: schema.ActionReply, Body: `Sorry; "warned" & registered`})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// drain sends the outbox's SMS at a moment of the test's clock, as the scheduler does.
func drain(t *testing.T, app core.App, now time.Time) {
	t.Helper()
	box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.SMS: sms.Delivery()},
		Now: func() time.Time { return now }})
	if _, err := box.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// notes are the SMS outcomes on a reply's thread, oldest first.
func notes(t *testing.T, app core.App, r *core.Record) []string {
	t.Helper()
	rows, err := app.FindRecordsByFilter(schema.Followups, "ref = {:id} && action = 'sms'", "created", 0, 0, dbx.Params{"id": r.Id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range rows {
		out = append(out, row.GetString("body"))
	}
	return out
}

// queued is the outbox row of a reply's SMS, nil if none.
func queued(app core.App, r *core.Record) *core.Record {
	row, _ := outbox.Find(app, outbox.SMS, r.Id, "")
	return row
}

func TestReplyGoesBySMSWithRetries(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t, 500)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_method": "POST",
		"sms_url":     url + "/v1/send?to={{mobile91}}",
		"sms_headers": "Content-Type: application/json\nX-Api-Key: k123",
		"sms_body":    `{"to":"{{mobile}}","text":"{{message}}"}`})

	r := reply(t, app, f, "a-exp")
	row := queued(app, r)
	if row == nil || strings.Contains(fmt.Sprint(row.PublicExport()), "9876543210") {
		t.Fatalf("the reply's SMS is not queued, or its row holds the mobile: %v", row)
	}
	now := time.Now()
	drain(t, app, now)
	drain(t, app, now.Add(30*time.Second)) // its back-off is not over
	drain(t, app, now.Add(time.Minute))
	want := []string{"SMS not sent (attempt 1): gateway answered 500: answer for [mobile]; it is tried again.", "SMS sent (attempt 2)."}
	if got := notes(t, app, r); !slices.Equal(got, want) {
		t.Fatalf("the thread records %q, want %q", got, want)
	}
	// The thread shows it, as a system entry, and never the number.
	sp, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	d, err := console.Item(app, sp, f.Items["a-exp"])
	if err != nil {
		t.Fatal(err)
	}
	if last := d.Thread[len(d.Thread)-1]; last.Action != schema.ActionSMS || last.Author != "" {
		t.Errorf("the thread ends with %+v", last)
	}
	for _, entry := range d.Thread {
		if strings.Contains(entry.Body, "9876543210") {
			t.Errorf("the thread shows the number: %q", entry.Body)
		}
	}
	seen := p.seen()
	if len(seen) != 2 {
		t.Fatalf("the gateway got %d requests, want 2 (one refused, one sent): %v", len(seen), seen)
	}
	// the district's own name: the item is of d1
	want0 := `POST /v1/send?to=919876543210 k123 {"to":"9876543210","text":"क्षेत्र d1 पुलिस, अनुभव: Sorry; \"warned\" \u0026 registered पूरा जवाब: `
	if !strings.HasPrefix(seen[1], want0) {
		t.Errorf("request\n%s\nwant it to begin\n%s", seen[1], want0)
	}
	drain(t, app, now.Add(24*time.Hour))
	if n := len(p.seen()); n != 2 {
		t.Fatalf("the gateway got %d requests after the SMS went, want still 2", n)
	}
}

func TestAFailedSMSIsRecordedWithoutTheNumber(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t, 502, 502, 502, 502)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_method": "GET", "sms_url": url + "/send?key=SECRETKEY&n={{mobile}}&m={{message}}"})

	r := reply(t, app, f, "a-exp")
	now := time.Now()
	for _, after := range []time.Duration{0, time.Minute, 3 * time.Minute, 13 * time.Minute, 24 * time.Hour} {
		drain(t, app, now.Add(after))
	}
	got := notes(t, app, r)
	if len(got) != 4 || got[3] != "SMS not sent after 4 attempts: gateway answered 502: answer for [mobile]" || len(p.seen()) != 4 {
		t.Fatalf("after 4 refusals: %d requests, the thread records %q", len(p.seen()), got)
	}
	row := queued(app, r)
	if row.GetString("status") != outbox.Failed || !row.GetDateTime("next_attempt").IsZero() ||
		strings.Contains(fmt.Sprint(row.PublicExport()), "9876543210") {
		t.Fatalf("the outbox row: %v", row.PublicExport())
	}

	// A gateway out of reach is named without its address (which holds its key and the mobile).
	configure(t, app, map[string]any{"sms_url": "http://127.0.0.1:1/send?key=SECRETKEY&n={{mobile}}"})
	r = reply(t, app, f, "a-complaint")
	drain(t, app, time.Now())
	got = notes(t, app, r)
	if len(got) != 1 || !strings.HasPrefix(got[0], "SMS not sent (attempt 1): gateway not reached: ") ||
		strings.Contains(got[0], "SECRETKEY") || strings.Contains(got[0], "9876543210") {
		t.Fatalf("the thread records %q", got)
	}
}

func TestNoSMSWithoutConsentOrGateway(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t)
	// b-exp gave no contact: nothing is queued, sent or recorded.
	configure(t, app, map[string]any{"sms_enabled": true, "sms_url": url + "/send?n={{mobile}}"})
	if r := reply(t, app, f, "b-exp"); queued(app, r) != nil {
		t.Errorf("an SMS was queued for a citizen who gave no mobile")
	}
	// Queued, then switched off before it went: not sent, and the thread says why.
	queuedBefore := reply(t, app, f, "a-exp")
	configure(t, app, map[string]any{"sms_enabled": false})
	drain(t, app, time.Now())
	if got := notes(t, app, queuedBefore); len(got) != 1 || !strings.HasPrefix(got[0], "SMS not sent: the district sends no SMS") {
		t.Errorf("an SMS switched off after its reply: the thread records %q", got)
	}
	// Switched off: the reply is on /track only.
	if r := reply(t, app, f, "a-exp"); queued(app, r) != nil {
		t.Errorf("an SMS was queued with SMS switched off")
	}
	drain(t, app, time.Now().Add(time.Hour))
	if len(p.seen()) != 0 {
		t.Errorf("an SMS went out: %v", p.seen())
	}
}

// A reply's SMS is queued with the reply, whichever path records it (here a superuser's
// record, not the console), and sent once, even across a restart.
func TestAReplyIsQueuedWithItsSMSAndSentOnceAcrossARestart(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_url": url + "/send?n={{mobile}}&m={{message}}"})
	collection, err := app.FindCollectionByNameOrId(schema.Followups)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(collection)
	r.Load(map[string]any{"feedback": f.Items["a-exp"], "author": f.Officers[testapp.SP], "kind": schema.FollowupReply,
		"action": schema.ActionReply, "public": true, "body": "Registered"})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if queued(app, r) == nil {
		t.Fatal("a reply saved outside the console queued no SMS")
	}
	// The server starts: its scheduler sends what is due.
	testapp.Serve(t, app)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && len(notes(t, app, r)) == 0; {
		time.Sleep(20 * time.Millisecond)
	}
	if got := notes(t, app, r); !slices.Equal(got, []string{"SMS sent (attempt 1)."}) || len(p.seen()) != 1 {
		t.Fatalf("the thread records %q after %d requests", got, len(p.seen()))
	}
	// Another process (a restart) drains the same database: nothing goes twice.
	drain(t, app, time.Now().Add(time.Hour))
	if n := len(p.seen()); n != 1 {
		t.Fatalf("the gateway got %d requests, want 1", n)
	}
}

func TestGatewayRequests(t *testing.T) {
	cases := []struct {
		name    string
		g       sms.Gateway
		wantURL string
		body    string
		err     string
	}{
		{"GET with the number and message escaped", sms.Gateway{Method: "GET", URL: "http://127.0.0.1/s?to={{mobile91}}&msg={{message}}"},
			"http://127.0.0.1/s?to=919876543210&msg=a+%26+b%3D%E0%A4%B9", "", ""},
		{"form body", sms.Gateway{Method: "POST", URL: "http://127.0.0.1/s", Headers: "Content-Type: application/x-www-form-urlencoded",
			Body: "to={{mobile}}&msg={{message}}"}, "http://127.0.0.1/s", "to=9876543210&msg=a+%26+b%3D%E0%A4%B9", ""},
		{"raw body", sms.Gateway{Method: "POST", URL: "http://127.0.0.1/s", Headers: "Content-Type: text/plain", Body: "{{mobile}}:{{message}}"},
			"http://127.0.0.1/s", "9876543210:a & b=ह", ""},
		{"bad header", sms.Gateway{Method: "GET", URL: "http://127.0.0.1/", Headers: "no colon here"}, "", "", "sms_headers line 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := c.g.Request(context.Background(), "9876543210", "a & b=ह")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body := ""
			if req.Body != nil {
				raw, _ := io.ReadAll(req.Body)
				body = string(raw)
			}
			if req.URL.String() != c.wantURL || body != c.body {
				t.Errorf("%s %q, want %s %q", req.URL, body, c.wantURL, c.body)
			}
		})
	}
}

func TestMessageIsInTheCitizensLanguageAndShort(t *testing.T) {
	cfg := &appconfig.Config{DistrictName: "Durg Police", DistrictNameHi: "दुर्ग पुलिस", CampaignName: "Anubhav", CampaignNameHi: "अनुभव"}
	en := sms.Message(cfg, "https://anubhav.example/", schema.LangEnglish, strings.Repeat("word ", 200))
	if !strings.HasPrefix(en, "Durg Police, Anubhav: word") || !strings.HasSuffix(en, "… More: https://anubhav.example/track") || len([]rune(en)) > 360 {
		t.Errorf("English SMS %q", en)
	}
	if hi := sms.Message(cfg, "https://anubhav.example", schema.LangHindi, "जाँच हो गई"); hi != "दुर्ग पुलिस, अनुभव: जाँच हो गई पूरा जवाब: https://anubhav.example/track" {
		t.Errorf("Hindi SMS %q", hi)
	}
}
