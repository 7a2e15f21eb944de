package citizen_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// TestFormInChromium is a citizen's visit in a real browser on a small phone, once with
// JavaScript and once without: open the station's form, switch to English, fill it in,
// send it, read the receipt and find the item on /track.
func TestFormInChromium(t *testing.T) {
	for _, js := range []bool{true, false} {
		name := map[bool]string{true: "with JavaScript", false: "without JavaScript"}[js]
		t.Run(name, func(t *testing.T) { visit(t, js) })
	}
}

func visit(t *testing.T, js bool) {
	ctx := browsertest.New(t, browsertest.Options{NoJavaScript: !js, Width: 320})
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	var h1, legend, width, jsClass string
	run("open the form in Hindi",
		chromedp.Navigate(srv.URL+"/s/st-a"),
		chromedp.Text("h1", &h1),
		chromedp.Text("fieldset.rating legend", &legend),
	)
	if h1 != "थाना st-a" || !strings.Contains(legend, "कुल मिलाकर") {
		t.Fatalf("Hindi form: h1 %q, first question %q", h1, legend)
	}
	run("switch to English",
		chromedp.Click("a.lang"),
		chromedp.WaitVisible(`html[lang="en"]`),
		chromedp.Text("fieldset.rating legend", &legend),
		chromedp.EvaluateAsDevTools(`String(document.documentElement.scrollWidth)`, &width),
		chromedp.EvaluateAsDevTools(`document.documentElement.className`, &jsClass),
	)
	if !strings.HasPrefix(legend, "Overall, how was your experience?") {
		t.Fatalf("English form: first question %q", legend)
	}
	if width != "320" {
		t.Errorf("the form is %s px wide in a 320 px window", width)
	}
	if strings.Contains(jsClass, "js") != js {
		t.Errorf("html class %q with JavaScript %v", jsClass, js)
	}

	if js {
		// Checked in the browser before sending, in the page's language; nothing is sent.
		var msg string
		run("send it empty",
			chromedp.Click(`#feedback button[type=submit]`),
			chromedp.Text(`.q[data-field="rating"] .error`, &msg),
		)
		if msg != "Please answer this." {
			t.Errorf("inline message %q", msg)
		}
		var set string
		run("a visit date in the future",
			chromedp.EvaluateAsDevTools(`document.getElementById('f-visit_date').value = '2999-01-01'`, &set),
			chromedp.Click(`#feedback button[type=submit]`),
			chromedp.Text(`.q[data-field="visit_date"] .error`, &msg),
			chromedp.EvaluateAsDevTools(`document.getElementById('f-visit_date').value = ''`, &set),
		)
		if msg != "The date cannot be in the future." {
			t.Errorf("inline date message %q", msg)
		}
		// The draft survives a reload (say the network dropped).
		var kept string
		run("keep a draft",
			chromedp.SendKeys("#f-comment", "Draft that must survive"),
			chromedp.Click(`label[for="f-rating-2"]`),
			chromedp.Reload(),
			chromedp.WaitVisible("#f-comment"),
			chromedp.Value("#f-comment", &kept),
		)
		if kept != "Draft that must survive" {
			t.Errorf("draft after reload: %q", kept)
		}
		var cleared string
		run("clear the draft", chromedp.EvaluateAsDevTools(`document.getElementById('f-comment').value = ''`, &cleared))
	}

	comment := "Browser visit " + map[bool]string{true: "with", false: "without"}[js] + " JS: <b>helpful</b> staff"
	run("fill the form",
		chromedp.Click(`label[for="f-rating-4"]`),
		chromedp.Click(`label[for="f-purpose-verification"]`),
		chromedp.Click(`label[for="f-staff_available-yes"]`),
		chromedp.Click(`label[for="f-staff_helped-yes"]`),
		chromedp.Click(`label[for="f-behaviour-5"]`),
		chromedp.Click(`label[for="f-problem_solved-partly"]`),
		chromedp.SendKeys("#f-comment", comment),
	)
	if js {
		var lit string
		run("stars light up", chromedp.EvaluateAsDevTools(
			`Array.prototype.map.call(document.querySelectorAll('fieldset.rating')[0].querySelectorAll('label'), function (l) { return l.className === 'on' ? '*' : '.' }).join('')`, &lit))
		if lit != "****." {
			t.Errorf("stars after choosing 4: %q", lit)
		}
	}
	if !js {
		// The server's checks: the form comes back with the message and everything typed.
		var msg, kept, rating string
		run("send a wrong mobile",
			chromedp.SendKeys("#f-mobile", "12345"),
			chromedp.Click(`#feedback button[type=submit]`),
			chromedp.WaitVisible(`.q[data-field="mobile"] .error`),
			chromedp.Text(`.q[data-field="mobile"] .error`, &msg),
			chromedp.Value("#f-comment", &kept),
			chromedp.EvaluateAsDevTools(`document.querySelector('input[name=rating]:checked').value`, &rating),
		)
		if !strings.Contains(msg, "10-digit") || kept != comment || rating != "4" {
			t.Fatalf("after a refused post: message %q, comment %q, rating %q", msg, kept, rating)
		}
		var cleared string
		run("clear the mobile", chromedp.EvaluateAsDevTools(`document.getElementById('f-mobile').value = ''`, &cleared))
	}
	time.Sleep(time.Second) // a person takes a moment; the item is stored either way

	var shown, path, copyHidden string
	run("send",
		chromedp.Click(`#feedback button[type=submit]`),
		chromedp.WaitVisible("#receipt"),
		chromedp.Text("#receipt", &shown),
		chromedp.EvaluateAsDevTools(`location.pathname`, &path),
		chromedp.EvaluateAsDevTools(`String(document.getElementById('copy').hidden)`, &copyHidden),
	)
	if !regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{4}$`).MatchString(shown) {
		t.Fatalf("receipt shown as %q", shown)
	}
	// no reload with JavaScript; without, the post is redirected (303) to the thank-you page
	wantPath := map[bool]string{true: "/s/st-a", false: "/s/st-a/thanks"}[js]
	if path != wantPath {
		t.Errorf("after sending, the page is %s, want %s", path, wantPath)
	}
	if copyHidden != map[bool]string{true: "false", false: "true"}[js] {
		t.Errorf("copy button hidden=%s with JavaScript %v", copyHidden, js)
	}
	if js {
		var draft string
		run("draft gone", chromedp.EvaluateAsDevTools(`String(localStorage.getItem('anubhav-draft:st-a/experience'))`, &draft))
		if draft != "null" {
			t.Errorf("draft left after sending: %s", draft)
		}
	}

	if !js {
		// A reload shows no receipt and sends nothing again.
		var again string
		run("reload the thank-you page", chromedp.Reload(), chromedp.Text("main", &again))
		if strings.Contains(again, shown) || !strings.Contains(again, "shown once") {
			t.Errorf("the thank-you page reloaded: %q", again)
		}
		if n, _ := app.CountRecords(schema.Feedback, dbx.HashExp{"comment": comment}); n != 1 {
			t.Errorf("%d items after a reload, want 1", n)
		}
	}

	item := testapp.ItemOf(t, app, shown)
	if item.GetString("comment") != comment || item.GetString("station") != f.Stations["st-a"] ||
		item.GetInt("rating") != 4 || item.GetString("lang") != "en" || item.GetString("channel") != schema.ChannelQR {
		t.Errorf("stored item %v", item.FieldsData())
	}

	var status, date string
	run("track it",
		chromedp.Navigate(srv.URL+"/track"),
		chromedp.SendKeys("#receipt", shown),
		chromedp.Click(`form[action="/track"] button`),
		chromedp.WaitVisible("#status"),
		chromedp.Text("#status", &status),
		chromedp.Text(`section[role=status] .small`, &date),
	)
	if status != "Received — thank you" { // English, as chosen on the form, in an experience's words
		t.Errorf("status on /track: %q", status)
	}
	if !strings.Contains(date, words.Date("en", time.Now().In(ist()))) {
		t.Errorf("date on /track: %q", date)
	}
}
