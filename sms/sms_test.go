package sms_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/testapp"
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
	old := sms.Backoff
	sms.Backoff = []time.Duration{0, 20 * time.Millisecond, 20 * time.Millisecond}
	t.Cleanup(func() { sms.Backoff = old })
}

// reply has the district officer reply publicly to an item and returns the outcome row
// that the SMS sender records (nil if none within the wait).
func reply(t *testing.T, app core.App, f *testapp.Fixture, item string, wait time.Duration) (*core.Record, *core.Record) {
	t.Helper()
	sp, err := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	if err != nil {
		t.Fatal(err)
	}
	r, err := console.Act(app, sp, f.Items[item], console.Action{Name: schema.ActionReply, Body: `Sorry; "warned" & registered`})
	if err != nil {
		t.Fatal(err)
	}
	sms.Queue(app, r.Id)
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if o, err := app.FindFirstRecordByFilter(schema.Followups, "ref = {:id}", dbx.Params{"id": r.Id}); err == nil {
			return r, o
		}
	}
	return r, nil
}

func TestReplyGoesBySMSWithRetries(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t, 500)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_method": "POST",
		"sms_url":     url + "/v1/send?to={{mobile91}}",
		"sms_headers": "Content-Type: application/json\nX-Api-Key: k123",
		"sms_body":    `{"to":"{{mobile}}","text":"{{message}}"}`})

	_, outcome := reply(t, app, f, "a-exp", 5*time.Second)
	if outcome == nil {
		t.Fatal("no outcome on the thread")
	}
	if body := outcome.GetString("body"); body != "SMS sent (attempt 2)." || outcome.GetString("action") != schema.ActionSMS {
		t.Errorf("outcome %q", body)
	}
	// The thread shows it, as a system entry.
	sp, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	d, err := console.Item(app, sp, f.Items["a-exp"])
	if err != nil {
		t.Fatal(err)
	}
	if last := d.Thread[len(d.Thread)-1]; last.Action != schema.ActionSMS || last.Author != "" {
		t.Errorf("the thread ends with %+v", last)
	}
	seen := p.seen()
	if len(seen) != 2 {
		t.Fatalf("the gateway got %d requests, want 2 (one refused, one sent): %v", len(seen), seen)
	}
	// the district's own name: the item is of d1
	want := `POST /v1/send?to=919876543210 k123 {"to":"9876543210","text":"क्षेत्र d1 पुलिस, अनुभव: Sorry; \"warned\" \u0026 registered पूरा जवाब: `
	if !strings.HasPrefix(seen[1], want) {
		t.Errorf("request\n%s\nwant it to begin\n%s", seen[1], want)
	}
}

func TestAFailedSMSIsRecordedWithoutTheNumber(t *testing.T) {
	app, f := testapp.New(t)
	_, url := start(t, 502, 502, 502)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_method": "GET", "sms_url": url + "/send?n={{mobile}}&m={{message}}"})

	_, outcome := reply(t, app, f, "a-exp", 5*time.Second)
	if outcome == nil {
		t.Fatal("no outcome on the thread")
	}
	body := outcome.GetString("body")
	if !strings.HasPrefix(body, "SMS not sent after 3 attempts: gateway answered 502") || strings.Contains(body, "9876543210") {
		t.Errorf("outcome %q", body)
	}
}

func TestNoSMSWithoutConsentOrGateway(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t)
	// b-exp gave no contact: nothing is sent, nothing recorded.
	configure(t, app, map[string]any{"sms_enabled": true, "sms_url": url + "/send?n={{mobile}}"})
	if _, outcome := reply(t, app, f, "b-exp", 300*time.Millisecond); outcome != nil || len(p.seen()) != 0 {
		t.Errorf("an SMS went to a citizen who gave no mobile: %v", p.seen())
	}
	// Switched off: the reply is on /track only.
	configure(t, app, map[string]any{"sms_enabled": false})
	if _, outcome := reply(t, app, f, "a-exp", 300*time.Millisecond); outcome != nil || len(p.seen()) != 0 {
		t.Errorf("an SMS went out with the gateway switched off: %v", p.seen())
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

func TestAnSMSCutShortByARestartIsSentOnStart(t *testing.T) {
	app, f := testapp.New(t)
	p, url := start(t)
	configure(t, app, map[string]any{"sms_enabled": true, "sms_url": url + "/send?n={{mobile}}&m={{message}}"})
	sp, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	// the reply is recorded, then the server stops before its SMS goes
	r, err := console.Act(app, sp, f.Items["a-exp"], console.Action{Name: schema.ActionReply, Body: "Registered"})
	if err != nil {
		t.Fatal(err)
	}
	testapp.Serve(t, app)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if o, err := app.FindFirstRecordByFilter(schema.Followups, "ref = {:id}", dbx.Params{"id": r.Id}); err == nil {
			if o.GetString("body") != "SMS sent (attempt 1)." || len(p.seen()) != 1 {
				t.Errorf("outcome %q after %v", o.GetString("body"), p.seen())
			}
			return
		}
	}
	t.Fatal("the reply's SMS was not sent when the server started")
}
