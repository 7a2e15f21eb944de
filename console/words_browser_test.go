package console_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// The console says the server's words in the officer's language; the switch offers every
// catalog language by its own name, says the new one at once and keeps it on the account, and
// the server's field errors come in it with their own full stop.
func TestTheConsoleSpeaksTheOfficersLanguage(t *testing.T) {
	b, app, f := open(t, browsertest.Options{})
	b.login(testapp.SP) // the fixture's officers read English
	if got := b.text(`#nav a[href="#/"]`); got != "Inbox" {
		t.Fatalf("the inbox link says %q", got)
	}
	var offered string
	b.run("switch to Hindi",
		chromedp.Text(`select.lang`, &offered),
		chromedp.SetValue(`select.lang`, "hi"),
		chromedp.Evaluate(`document.querySelector('select.lang').dispatchEvent(new Event('change'))`, nil),
		chromedp.WaitVisible(`//nav/a[text()="इनबॉक्स"]`, chromedp.BySearch),
	)
	if offered != "हिंदी\nEnglish" {
		t.Errorf("the switch offers %q", offered)
	}
	if me, _ := app.FindRecordById(schema.Officers, f.Officers[testapp.SP]); me.GetString("lang") != "hi" {
		t.Errorf("the account's language is %q, want hi", me.GetString("lang"))
	}

	b.run("a bad setting, in Hindi",
		chromedp.Navigate(b.url+"/console/#/settings"),
		chromedp.WaitVisible("#s-digest_time"),
		chromedp.SetValue("#s-digest_time", "25:99"),
		chromedp.Click(`form.settings button[type="submit"]`),
		chromedp.WaitVisible("#s-digest_time + .error"),
	)
	if got := b.text("#s-digest_time + .error"); got != "समय घंटे:मिनट में लिखें, जैसे 08:00।" {
		t.Errorf("the error says %q", got)
	}
}
