package stats_test

import (
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// TestPublicPageInChromium: at 320 px the district's page and the list of districts pass
// axe-core (WCAG 2.1 A and AA) in both languages and do not scroll sideways (the table
// scrolls within its box); the month picker, a plain form, opens the month chosen.
func TestPublicPageInChromium(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 320})
	app, fx := testapp.New(t)
	month := lastMonth()
	visits(t, app, fx, "st-a", 10, month)
	visits(t, app, fx, "st-d", 12, month)
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// the page's Content-Security-Policy must not keep axe out
	run("bypass CSP", cdppage.SetBypassCSP(true))
	for _, path := range []string{"/stats", "/stats?lang=en", "/stats/d1", "/stats/d1?lang=en"} {
		var found []browsertest.Violation
		var sideways bool
		run("open "+path, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("main"),
			browsertest.WCAG21AA(&found),
			chromedp.Evaluate(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &sideways))
		for _, v := range found {
			t.Errorf("%s: %s", path, v)
		}
		if sideways {
			t.Errorf("%s scrolls sideways at 320 px", path)
		}
	}
	earlier := month.AddDate(0, -3, 0).Format("2006-01")
	var url, chosen string
	run("pick a month", chromedp.Navigate(srv.URL+"/stats/d1"), chromedp.WaitVisible("#month"),
		chromedp.SetValue("#month", earlier, chromedp.ByID), chromedp.Click(`form[action="/stats/d1"] button`),
		chromedp.WaitReady(`#month option[value="`+earlier+`"][selected]`), chromedp.Location(&url),
		chromedp.Value("#month", &chosen, chromedp.ByID))
	if !strings.HasSuffix(url, "/stats/d1?month="+earlier) || chosen != earlier {
		t.Errorf("the month picker opened %s with %q chosen, want %s", url, chosen, earlier)
	}
}
