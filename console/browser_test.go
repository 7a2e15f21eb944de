package console_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/submission"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// markup is a comment that would run script and draw bold text if shown as HTML.
const markup = `<script>window.pwned=1</script><img src=x onerror="window.pwned=2"><b>bold</b> stolen phone, munshi asked money`

type browser struct {
	t   *testing.T
	ctx context.Context
	url string
}

func (b browser) run(what string, actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// open starts Chromium and the appliance (a fresh fixture) for a test.
func open(t *testing.T, opt browsertest.Options) (browser, *tests.TestApp, *testapp.Fixture) {
	t.Helper()
	ctx := browsertest.New(t, opt)
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	return browser{t: t, ctx: ctx, url: srv.URL}, app, f
}

func (b browser) login(email string) {
	b.t.Helper()
	b.run("log in as "+email,
		chromedp.Navigate(b.url+"/console/"),
		chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", email),
		chromedp.SendKeys("#password", testapp.Password),
		chromedp.Click(`form button[type="submit"]`),
		chromedp.WaitVisible(".counts .count"),
	)
}

func (b browser) text(sel string) string {
	b.t.Helper()
	var s string
	b.run("read "+sel, chromedp.WaitVisible(sel), chromedp.Text(sel, &s))
	return s
}

// gateway is a local bulk-SMS provider that records what it is asked to send.
type gateway struct {
	mu   sync.Mutex
	got  []url.Values
	fail int // answer 503 to this many requests first
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fail > 0 {
		g.fail--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	g.got = append(g.got, r.URL.Query())
	io.WriteString(w, `{"status":"OK"}`)
}

func (g *gateway) sent() []url.Values {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]url.Values(nil), g.got...)
}

func useGateway(t *testing.T, app core.App, target string) {
	t.Helper()
	// the gateway is the deployment's (a superuser sets it); SMS on is each district's choice
	rows, err := app.FindAllRecords(schema.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		row.Set("sms_enabled", true)
		if row.GetString("district") == "" {
			row.Set("sms_url", target+"/send?to={{mobile91}}&text={{message}}")
			row.Set("sms_method", "GET")
		}
		if err := app.Save(row); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDistrictOfficerRepliesAndTheCitizenReadsIt(t *testing.T) {
	b, app, _ := open(t, browsertest.Options{})
	provider := &gateway{fail: 1}
	smsServer := httptest.NewServer(provider)
	defer smsServer.Close()
	useGateway(t, app, smsServer.URL)

	receipt, err := submission.Submit(app, submission.Input{Station: "st-a", Kind: schema.KindExperience, Rating: 2,
		Comment: markup, Lang: schema.LangEnglish, Name: "Ramesh", Mobile: "98765 43210", Consent: true,
		Answers: map[string]string{"purpose": "lost_article", "staff_available": "yes", "staff_helped": "no", "behaviour": "2", "problem_solved": "no"}},
		submission.Source{Channel: schema.ChannelQR})
	if err != nil {
		t.Fatal(err)
	}
	b.login(testapp.SP)

	b.run("filter by words",
		chromedp.SetValue("#f-q", "stolen"),
		chromedp.Click(`.filters button[type="submit"]`),
		chromedp.WaitVisible(`.rows .row .excerpt`),
	)
	var rows int
	b.run("count rows", chromedp.Evaluate(`document.querySelectorAll('.rows:not(.pinned .rows) > .row').length`, &rows))
	if rows != 1 {
		t.Fatalf("the word filter shows %d rows, want 1", rows)
	}
	if excerpt := b.text(".rows .row .excerpt"); !strings.Contains(excerpt, "<b>bold</b>") {
		t.Errorf("the row shows %q, want the comment as typed", excerpt)
	}
	var itemID string
	b.run("open the item", chromedp.Click(".rows .row a"), chromedp.WaitVisible("article.item .comment"),
		chromedp.Evaluate(`document.querySelector('article.item').dataset.id`, &itemID))

	// The citizen's markup is text: no element made of it, no script run.
	var comment, pwned string
	var bolds int
	b.run("read the comment",
		chromedp.Text("article.item .comment", &comment),
		chromedp.Evaluate(`String(window.pwned)`, &pwned),
		chromedp.Evaluate(`document.querySelectorAll('article.item .comment *, .row .excerpt *').length`, &bolds),
	)
	if comment != markup || pwned != "undefined" || bolds != 0 {
		t.Fatalf("comment shown as %q (elements %d, pwned %s), want inert text", comment, bolds, pwned)
	}
	if page := b.text("main"); !strings.Contains(page, "To report a lost article") || !strings.Contains(page, "9876543210") ||
		!strings.Contains(page, "Did the staff help you?") {
		t.Errorf("the item lacks labelled answers or the consented contact:\n%s", page)
	}

	reply := "We are sorry. The munshi has been warned; your phone report is registered."
	b.run("reply publicly",
		chromedp.SetValue("#a-action", schema.ActionReply),
		chromedp.SendKeys("#a-body", reply),
		chromedp.Click(`form.actions button[type="submit"]`),
		chromedp.WaitVisible(".thread .entry.public"),
	)
	if entry := b.text(".thread .entry.public .body"); entry != reply {
		t.Errorf("the thread shows %q", entry)
	}

	// The citizen reads the reply on /track with the receipt.
	var track string
	b.run("track",
		chromedp.Navigate(b.url+"/track?lang=en"),
		chromedp.WaitVisible(`input[name="receipt"]`),
		chromedp.SendKeys(`input[name="receipt"]`, receipt),
		chromedp.Submit(`input[name="receipt"]`),
		chromedp.WaitVisible(".reply"),
		chromedp.Text("main", &track),
	)
	if !strings.Contains(track, reply) {
		t.Errorf("/track does not show the reply:\n%s", track)
	}

	// And by SMS, through the local gateway: the server's own drain, woken by the reply, meets
	// a refusal; the retry, due a minute later, goes through (here on a clock a minute ahead).
	// Both attempts are on the thread, without the number.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if n, _ := app.CountRecords(schema.Followups, dbx.HashExp{"action": schema.ActionSMS}); n > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	later := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.SMS: sms.Delivery()},
		Now: func() time.Time { return time.Now().Add(time.Minute) }})
	if _, err := later.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	sent := provider.sent()
	if len(sent) != 1 || sent[0].Get("to") != "919876543210" || !strings.Contains(sent[0].Get("text"), reply) {
		t.Fatalf("the gateway got %v", sent)
	}
	var thread string
	b.run("reload the item", chromedp.Navigate(b.url+"/console/#/item/"+itemID), chromedp.WaitVisible(".thread .entry"),
		chromedp.Text(".thread", &thread))
	if !strings.Contains(thread, "SMS not sent (attempt 1): gateway answered 503: busy") || !strings.Contains(thread, "SMS sent (attempt 2)") ||
		strings.Contains(thread, "9876543210") {
		t.Errorf("the thread does not record the SMS's attempts, or shows the number:\n%s", thread)
	}
}

func TestStationOfficerSeesOnlyItsOwnExperienceItems(t *testing.T) {
	b, _, f := open(t, browsertest.Options{Width: 360})
	b.login(testapp.StationA)

	var rows int
	var when string
	b.run("inbox", chromedp.WaitVisible(".rows .row"),
		chromedp.Evaluate(`document.querySelectorAll('.rows > .row').length`, &rows),
		chromedp.Text(".rows .row .when", &when))
	page := b.text("main")
	if rows != 1 || !strings.Contains(page, "Fixture comment a-exp") {
		t.Fatalf("a station officer's inbox shows %d rows:\n%s", rows, page)
	}
	for _, hidden := range []string{"a-complaint", "a-tip", "b-exp", "c-exp", "d-exp"} {
		if strings.Contains(page, "Fixture comment "+hidden) {
			t.Errorf("the inbox shows %s", hidden)
		}
	}
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(when) {
		t.Errorf("the row shows %q, want the date without a time", when)
	}

	b.run("own item", chromedp.Click(".rows .row a"), chromedp.WaitVisible("article.item .comment"))
	item := b.text("main")
	if strings.Contains(item, "9876543210") || strings.Contains(item, "Citizen a-exp") {
		t.Errorf("a station officer sees the contact:\n%s", item)
	}
	// Nor can it reach the complaint, the tip or another station's item by address.
	for _, name := range []string{"a-complaint", "a-tip", "b-exp"} {
		var shown string
		b.run("open "+name+" by URL", chromedp.Navigate(b.url+"/console/#/item/"+f.Items[name]),
			chromedp.WaitVisible("main .errors"), chromedp.Text("main", &shown))
		if strings.Contains(shown, "Fixture comment") {
			t.Errorf("%s is shown to the station officer:\n%s", name, shown)
		}
	}
}

func TestConsoleIsServedWithAPolicyAndWithoutInlineScript(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, path := range []string{"/console/", "/console/console.js", "/console/lib/router.js", "/console/console.css"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		if res.StatusCode != http.StatusOK || !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: %d, policy %q", path, res.StatusCode, csp)
		}
		if kind := res.Header.Get("Content-Type"); strings.HasSuffix(path, ".js") && !strings.Contains(kind, "javascript") {
			t.Errorf("%s is served as %q, which a module script refuses", path, kind)
		}
	}
	html, err := os.ReadFile(filepath.Join(testapp.Public(), "console", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`<script(\s[^>]*)?>[^<\s]|<script>|\son[a-z]+=|javascript:`).Match(html) {
		t.Errorf("index.html holds inline script")
	}
	// every module of the console, and the vendored library: none writes HTML or evaluates code;
	// each of ours is short and readable
	dir := filepath.Join(testapp.Public(), "console")
	unsafe := regexp.MustCompile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|\\bFunction\\(|setTimeout\\(\\s*['\"`]")
	var modules int
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".js" {
			return err
		}
		modules++
		js, err := os.ReadFile(path)
		if unsafe.Match(js) {
			t.Errorf("%s writes HTML or evaluates code", path)
		}
		if filepath.Base(filepath.Dir(path)) == "vendor" {
			return err // a library as published (minified, its licence beside it): safe, not ours to shape
		}
		lines := strings.Split(string(js), "\n")
		if len(lines) > 300 {
			t.Errorf("%s has %d lines, more than 300", path, len(lines))
		}
		for i, line := range lines {
			if utf8.RuneCountInString(line) > 120 {
				t.Errorf("%s:%d is longer than 120 characters", path, i+1)
			}
		}
		return err
	})
	if err != nil || modules < 2 {
		t.Errorf("%d modules under %s (%v)", modules, dir, err)
	}
}

func TestDistrictOfficerChangesSettingsAndReadsTheDigest(t *testing.T) {
	b, app, f := open(t, browsertest.Options{})
	b.login(testapp.SP)

	var words string
	b.run("change the deadlines and the campaign",
		chromedp.Navigate(b.url+"/console/#/settings"),
		chromedp.WaitVisible("#s-action_days"),
		chromedp.Value("#s-urgent_words", &words),
		chromedp.SetValue("#s-action_days", "3"),
		chromedp.SetValue("#s-campaign_name", "Sampark"),
		chromedp.Click(`form.settings button[type="submit"]`),
		chromedp.WaitVisible(".notice.saved"),
	)
	if !strings.Contains(words, "रिश्वत") {
		t.Errorf("the urgent words are shown as %q", words)
	}
	cfg, err := appconfig.For(app, f.Areas["d1"])
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ActionDays != 3 || cfg.CampaignName != "Sampark" || !slices.Contains(cfg.UrgentWords, "रिश्वत") {
		t.Errorf("in effect: action days %d, campaign %q, words %v", cfg.ActionDays, cfg.CampaignName, cfg.UrgentWords)
	}
	if brand := b.text("#brand"); !strings.HasPrefix(brand, "Sampark") {
		t.Errorf("the console still says %q", brand)
	}

	b.run("a bad value is named",
		chromedp.SetValue("#s-digest_time", "25:99"),
		chromedp.Click(`form.settings button[type="submit"]`),
		chromedp.WaitVisible("#s-digest_time + .error"),
	)

	var sandbox string
	b.run("my digest",
		chromedp.Navigate(b.url+"/console/#/digest"),
		chromedp.WaitVisible("iframe.digest"),
		chromedp.AttributeValue("iframe.digest", "sandbox", &sandbox, nil),
	)
	if sandbox != "" {
		t.Errorf("the digest frame's sandbox is %q, want the strictest (empty)", sandbox)
	}
}

func TestOfficerEntersAPhoneComplaintAndGetsTheReceipt(t *testing.T) {
	b, app, f := open(t, browsertest.Options{})
	b.login(testapp.SP)

	change := func(sel, value string) chromedp.Action {
		return chromedp.Evaluate(`(() => { const el = document.querySelector('`+sel+`'); el.value = '`+value+`';
			el.dispatchEvent(new Event('change')); })()`, nil)
	}
	var errors int
	b.run("a complaint without the required answers is refused, field by field",
		chromedp.Navigate(b.url+"/console/#/new"),
		chromedp.WaitVisible("#n-station"),
		change("#n-station", "st-a"), change("#n-channel", "phone"), change("#n-kind", "complaint"),
		chromedp.WaitVisible("#n-complaint_about"),
		chromedp.Click(`form.new-entry button[type="submit"]`),
		chromedp.WaitVisible(`#n-complaint_about + .error`),
		chromedp.Evaluate(`document.querySelectorAll('form.new-entry .error').length`, &errors),
	)
	if errors < 2 {
		t.Errorf("%d field errors, want one per missing answer", errors)
	}
	var receipt string
	b.run("enter it",
		change("#n-purpose", "fir"), change("#n-complaint_about", "delay"),
		chromedp.SendKeys(`textarea[name="comment"]`, "FIR not written for three days"),
		chromedp.Click(`form.new-entry button[type="submit"]`),
		chromedp.WaitVisible(".done .receipt"),
		chromedp.Text(".done .receipt", &receipt),
	)
	if !regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{4}$`).MatchString(receipt) {
		t.Fatalf("receipt %q", receipt)
	}
	items, err := app.FindRecordsByFilter(schema.Feedback, "entered_by = {:o}", "", 0, 0, map[string]any{"o": f.Officers[testapp.SP]})
	if err != nil || len(items) != 1 || items[0].GetString("channel") != "phone" || items[0].GetString("kind") != schema.KindComplaint ||
		items[0].GetString("comment") != "FIR not written for three days" {
		t.Fatalf("stored %v (%v)", items, err)
	}
}

func TestStationOfficerAnswersAnInstruction(t *testing.T) {
	b, app, f := open(t, browsertest.Options{Width: 360})
	sp, err := app.FindRecordById(schema.Officers, f.Officers[testapp.SP])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := console.Act(app, sp, f.Items["a-exp"], console.Action{Name: schema.ActionInstruction, Body: "Call the citizen and report"}); err != nil {
		t.Fatal(err)
	}
	b.login(testapp.StationA)
	if badges := b.text(".rows .row .badges"); !strings.Contains(badges, "Instruction awaits answer") {
		t.Errorf("the row's badges are %q", badges)
	}
	var options []string
	b.run("open it", chromedp.Click(".rows .row a"), chromedp.WaitVisible(".thread .entry.k-instruction"),
		chromedp.Evaluate(`[...document.querySelectorAll('#a-action option')].map(o => o.value)`, &options))
	if thread := b.text(".thread"); !strings.Contains(thread, "Call the citizen and report") {
		t.Errorf("the thread lacks the instruction: %q", thread)
	}
	if !slices.Equal(options, []string{schema.ActionNote, schema.ActionTaken}) {
		t.Errorf("a station officer is offered %v", options)
	}
	b.run("answer with the action taken",
		chromedp.SetValue("#a-action", schema.ActionTaken),
		chromedp.SendKeys("#a-body", "Called him; the report is written"),
		chromedp.Click(`form.actions button[type="submit"]`),
		chromedp.WaitVisible(".facts .s-action_taken"),
	)
	item, _ := app.FindRecordById(schema.Feedback, f.Items["a-exp"])
	if item.GetString("status") != schema.StatusActionTaken {
		t.Errorf("status %s", item.GetString("status"))
	}
}
