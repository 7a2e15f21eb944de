package demo_test

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/demo"
	"anubhav/testkit/testapp"
)

// The client's own address (any 127/8 address is the loopback interface) and an address it
// claims in the proxy headers; neither may be written anywhere, nor a hash of it.
const (
	clientAddr  = "127.0.0.66"
	claimedAddr = "10.66.66.66"
	userAgent   = "Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile"
)

var ipv4 = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)

// DESIGN.md, "Privacy, by construction": no IP address is stored anywhere, ever. After the
// demo is seeded and a citizen, an officer and a superuser have used the server with request
// logging on, no file of the data dir holds the client's address or a fingerprint of it (the
// hex md5 or sha256 of the address, alone or followed by the user agent, as PocketBase's
// login alert makes it: security.MD5(ip + userAgent) in apis.authAlert), no auth origin is
// kept, and no request log line holds anything that looks like an address.
func TestNoIPAddressIsStoredAnywhere(t *testing.T) {
	app := seededApp(t)
	defer app.Cleanup()
	app.Settings().Logs.MaxDays = 7 // the test app turns request logging off; the appliance has it on
	srv := testapp.Serve(t, app)

	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(clientAddr)}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	logged := 0 // a citizen's visit is kept out of the request log; officers' requests are not
	send := func(method, path, contentType, body, token string) (int, string) {
		t.Helper()
		if strings.HasPrefix(path, "/api/collections/") {
			logged++
		}
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Forwarded-For", claimedAddr)
		req.Header.Set("X-Real-IP", claimedAddr)
		req.Header.Set("User-Agent", userAgent)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(raw)
	}

	// A citizen opens a station's form and sends it as a plain form post, with whatever
	// hidden fields the form carries.
	status, page := send(http.MethodGet, "/s/drg-supela", "", "", "")
	if status != http.StatusOK {
		t.Fatalf("form page: %d", status)
	}
	form := hiddenFields(page)
	for k, v := range map[string]string{"station": "drg-supela", "kind": "experience", "rating": "2",
		"comment": "दो घंटे बैठाए रखा।", "answers.purpose": "fir", "answers.staff_available": "yes",
		"answers.staff_helped": "no", "answers.behaviour": "2", "answers.problem_solved": "no",
		"name": "रमेश", "mobile": "9876543210", "consent": "on"} {
		form.Set(k, v)
	}
	if status, body := send(http.MethodPost, "/api/feedback", "application/x-www-form-urlencoded", form.Encode(), ""); status != http.StatusOK {
		t.Fatalf("form post: %d %s", status, body)
	}
	send(http.MethodGet, "/track", "", "", "")
	send(http.MethodGet, "/api/track/"+seeded.Receipts[0], "", "", "")
	send(http.MethodGet, "/", "", "", "")

	// An officer logs in (once with a wrong password) and reads the console's list.
	send(http.MethodPost, "/api/collections/officers/auth-with-password", "application/json",
		`{"identity":"sp.durg@demo.local","password":"wrong password"}`, "")
	status, body := send(http.MethodPost, "/api/collections/officers/auth-with-password", "application/json",
		`{"identity":"sp.durg@demo.local","password":"`+demo.Password+`"}`, "")
	var auth struct{ Token string }
	if err := json.Unmarshal([]byte(body), &auth); status != http.StatusOK || err != nil {
		t.Fatalf("officer login: %d %s", status, body)
	}
	send(http.MethodGet, "/api/collections/feedback/records?perPage=5", "", "", auth.Token)
	send(http.MethodGet, "/api/collections/contacts/records", "", "", auth.Token)
	// and so does a superuser, twice: PocketBase's login alert writes nothing at a first login
	for range 2 {
		if status, body := send(http.MethodPost, "/api/collections/_superusers/auth-with-password", "application/json",
			`{"identity":"`+demo.SuperuserEmail+`","password":"`+demo.Password+`"}`, ""); status != http.StatusOK {
			t.Fatalf("superuser login: %d %s", status, body)
		}
	}
	logs := waitForRequestLogs(t, app, logged)
	for _, l := range logs {
		if found := ipv4.FindString(l); found != "" {
			t.Errorf("a request log holds the address-like %q: %s", found, l)
		}
	}

	var origins int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM _authOrigins").Row(&origins); err != nil || origins != 0 {
		t.Errorf("_authOrigins holds %d rows (%v), want none", origins, err)
	}

	// Every file of the data dir, the write-ahead logs included.
	var needles []string
	for _, addr := range []string{clientAddr, claimedAddr} {
		for _, s := range []string{addr, addr + userAgent} {
			md5sum, sha := md5.Sum([]byte(s)), sha256.Sum256([]byte(s))
			needles = append(needles, s, hex.EncodeToString(md5sum[:]), hex.EncodeToString(sha[:]))
		}
	}
	holding, scanned := testapp.FilesHolding(t, app, needles...)
	for _, h := range holding {
		t.Error(h)
	}
	for _, name := range []string{"data.db", "auxiliary.db"} {
		if _, err := os.Stat(filepath.Join(app.DataDir(), name)); err != nil {
			t.Errorf("%s is missing from the data dir, so it was not searched: %v", name, err)
		}
	}
	t.Logf("%d request log rows and %d files scanned", len(logs), scanned)
}

var hiddenInput = regexp.MustCompile(`<input[^>]*type="hidden"[^>]*>`)
var attr = regexp.MustCompile(`(name|value)="([^"]*)"`)

// hiddenFields are the hidden inputs of an HTML page (html/template escapes their values
// only where they hold no quotes, which a token does not).
func hiddenFields(page string) url.Values {
	v := url.Values{}
	for _, input := range hiddenInput.FindAllString(page, -1) {
		var name, value string
		for _, m := range attr.FindAllStringSubmatch(input, -1) {
			if m[1] == "name" {
				name = m[2]
			} else {
				value = m[2]
			}
		}
		if name != "" {
			v.Set(name, value)
		}
	}
	return v
}

// waitForRequestLogs writes out the logger's batch (the app does so every few seconds on its
// own) until at least want request logs are in _logs, and returns every log row as text.
func waitForRequestLogs(t *testing.T, app *tests.TestApp, want int) []string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		testapp.FlushLogs(t, app)
		var requests int
		if err := app.AuxDB().NewQuery("SELECT COUNT(*) FROM _logs WHERE json_extract(data, '$.type') = 'request'").Row(&requests); err != nil {
			t.Fatal(err)
		}
		if requests >= want {
			break
		}
		if time.Now().After(deadline) {
			var msgs []string
			app.AuxDB().NewQuery("SELECT message FROM _logs").Column(&msgs)
			t.Fatalf("%d request logs in _logs, want %d: the test would prove nothing\n%s", requests, want, strings.Join(msgs, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rows []struct {
		Message string `db:"message"`
		Data    string `db:"data"`
	}
	if err := app.AuxDB().NewQuery("SELECT message, data FROM _logs").All(&rows); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Message+" "+r.Data)
	}
	return out
}
