package browsertest_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

func TestLandingPageInChromium(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{NoJavaScript: true, Width: 320})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)

	var title, switchText, bodyWidth string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Title(&title),
		chromedp.Text("a.lang", &switchText),
		chromedp.Click("a.lang"),
		chromedp.WaitVisible("h1"),
		chromedp.EvaluateAsDevTools(`String(document.documentElement.scrollWidth)`, &bodyWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if title != "जिला पुलिस" || switchText != "English" {
		t.Errorf("landing page: title %q, language switch %q; want the Hindi page first", title, switchText)
	}
	var h1 string
	if err := chromedp.Run(ctx, chromedp.Text("h1", &h1)); err != nil {
		t.Fatal(err)
	}
	if h1 != "District Police" {
		t.Errorf("after switching, heading is %q, want English", h1)
	}
	if bodyWidth != "320" {
		t.Errorf("the page is %s px wide at a 320 px window: it scrolls sideways", bodyWidth)
	}
}

// TestWCAG21AAFindsWhatItShould: axe-core, injected, reports what a citizen's page must not
// have (a field without a label, grey on white) and nothing on a plain accessible page.
func TestWCAG21AAFindsWhatItShould(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	for html, want := range map[string][]string{
		`<main><h1>Form</h1><input type=text><p style="color:#bbb">Grey</p></main>`: {"color-contrast", "label"},
		`<main><h1>Form</h1><label for=n>Name</label><input id=n type=text></main>`: nil,
	} {
		var found []browsertest.Violation
		page := `<!doctype html><html lang=en><title>t</title><body>` + html
		if err := chromedp.Run(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape(page)), browsertest.WCAG21AA(&found)); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, v := range found {
			ids = append(ids, v.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) {
			t.Errorf("%s: violations %q, want %q", html, ids, want)
		}
	}
}
