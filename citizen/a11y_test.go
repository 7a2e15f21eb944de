package citizen_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// TestCitizenPagesAccessible runs axe-core (WCAG 2.1 A and AA, which India's GIGW 3.0 asks of
// government sites) on every page a citizen meets, at 360 px, and fails on any serious or
// critical violation: the landing page, the three forms in both languages, the thank-you page
// after a plain post (whatever the server answers), /track empty and with a result, and a
// station's poster.
func TestCitizenPagesAccessible(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// the page's Content-Security-Policy must not keep axe out
	run("bypass CSP", cdppage.SetBypassCSP(true))
	check := func(what string) {
		t.Helper()
		var found []browsertest.Violation
		run("axe on "+what, browsertest.WCAG21AA(&found))
		for _, v := range found {
			t.Errorf("%s: %s", what, v)
		}
	}
	for _, path := range []string{"/", "/?lang=en", "/s/st-a", "/s/st-a/complaint", "/s/st-a/tip", "/s/st-a?lang=en", "/s/st-a/complaint?lang=en", "/s/st-a/tip?lang=en", "/track", "/api/stations/st-a/poster"} {
		run("open "+path, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("main, body"))
		check(path)
	}

	var receipt string
	run("a plain post (the form's own submit, without form.js)",
		chromedp.Navigate(srv.URL+"/s/st-a"),
		chromedp.WaitVisible("#feedback"),
		chromedp.Click(`label[for="f-rating-4"]`),
		chromedp.Click(`label[for="f-purpose-verification"]`),
		chromedp.Click(`label[for="f-staff_available-yes"]`),
		chromedp.Click(`label[for="f-staff_helped-yes"]`),
		chromedp.Click(`label[for="f-behaviour-4"]`),
		chromedp.Click(`label[for="f-problem_solved-yes"]`),
		chromedp.Sleep(time.Second), // a person takes a moment
		chromedp.Evaluate(`HTMLFormElement.prototype.submit.call(document.getElementById('feedback'))`, nil),
		chromedp.WaitVisible("#receipt"),
		chromedp.Text("#receipt", &receipt),
	)
	check("the thank-you page")

	run("track the receipt",
		chromedp.Navigate(srv.URL+"/track"),
		chromedp.SendKeys("#receipt", receipt),
		chromedp.Click(`form[action="/track"] button`),
		chromedp.WaitVisible("#status"),
	)
	check("/track with a result")
}

// tapTargets lists the form's controls smaller than 44 × 44 CSS px where a finger lands: a
// control together with its labels (a tap on the label works the control).
const tapTargets = `(() => {
	const small = [];
	const box = el => { const r = el.getBoundingClientRect(); return r.width && r.height ? r : null; };
	for (const el of document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button, .kinds a, header a.lang')) {
		const rs = [box(el), ...Array.from(el.labels || []).map(box)].filter(Boolean);
		if (!rs.length) continue; // not shown
		const w = Math.max(...rs.map(r => r.right)) - Math.min(...rs.map(r => r.left));
		const h = Math.max(...rs.map(r => r.bottom)) - Math.min(...rs.map(r => r.top));
		if (w < 44 || h < 44) small.push((el.id || el.name || el.textContent.trim()) + ': ' + Math.round(w) + ' × ' + Math.round(h));
	}
	return small;
})()`

// stop names where the keyboard's focus is: a radio group is one stop.
const stop = `(el => !el || el === document.body ? '' :
	el.type === 'radio' ? 'radio ' + el.name : el.id || el.name || el.textContent.trim() || el.getAttribute('href'))`

// pageOrder lists the stops in the page's order: every shown control that takes the focus.
const pageOrder = `(() => {
	const out = [];
	for (const el of document.querySelectorAll('a[href], input:not([type=hidden]), select, textarea, button')) {
		if (el.tabIndex < 0 || el.disabled || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
		const s = ` + stop + `(el);
		if (out[out.length - 1] !== s) out.push(s);
	}
	return out;
})()`

// TestFormTapTargetsAndFocusOrder measures the form's controls at 320 px (each at least 44 px
// each way, with its label) and walks it with the Tab key: the focus goes through every
// control once, in the page's order, and never into the hidden trap for robots.
func TestFormTapTargetsAndFocusOrder(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, path := range []string{"/s/st-a", "/s/st-a/complaint", "/s/st-a/tip?lang=en"} {
		t.Run(path, func(t *testing.T) {
			ctx := browsertest.New(t, browsertest.Options{Width: 320})
			var small, want []string
			if err := chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+path),
				chromedp.WaitVisible("#feedback"),
				chromedp.Evaluate(tapTargets, &small),
				chromedp.Evaluate(pageOrder, &want),
			); err != nil {
				t.Fatal(err)
			}
			for _, s := range small {
				t.Errorf("tap target under 44 px: %s", s)
			}

			var got []string
			for range len(want) + 5 {
				var at string
				if err := chromedp.Run(ctx,
					chromedp.ActionFunc(func(ctx2 context.Context) error {
						return input.DispatchKeyEvent(input.KeyDown).WithKey("Tab").WithCode("Tab").WithWindowsVirtualKeyCode(9).Do(ctx2)
					}),
					chromedp.Evaluate(stop+`(document.activeElement)`, &at),
				); err != nil {
					t.Fatal(err)
				}
				if len(got) > 0 && at == got[len(got)-1] {
					continue // within one control: a date field's day, month and year
				}
				if at == "" || slices.Contains(got, at) {
					break // past the last control
				}
				got = append(got, at)
			}
			if !slices.Equal(got, want) {
				t.Errorf("focus order:\n got %s\nwant %s", strings.Join(got, " | "), strings.Join(want, " | "))
			}
			if slices.Contains(got, "website") || slices.Contains(got, "f-hp") {
				t.Errorf("the focus reaches the robots' trap: %q", got)
			}
		})
	}
}
