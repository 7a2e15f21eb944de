package console_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// The Reports screen, opened by the digest's link (#/reports?month=&area=), chooses that
// area and month; "Open report" fetches the report with the officer's token and opens it in a
// new tab, where its fonts load (from data: addresses) under the console's policy.
func TestReportsScreenOpensTheReportInANewTab(t *testing.T) {
	b, _, _ := open(t, browsertest.Options{})
	b.login(testapp.SP)
	ist, _ := time.LoadLocation("Asia/Kolkata")
	month := time.Now().In(ist)
	var unit, picked string
	b.run("open the Reports screen",
		chromedp.Navigate(b.url+"/console/#/reports?month="+month.Format("2006-01")+"&area=s1"),
		chromedp.WaitReady(`#f-unit option[value="station:st-d"]`),
		chromedp.Value("#f-unit", &unit), chromedp.Value("#f-month", &picked))
	if unit != "area:s1" || picked != month.Format("2006-01") {
		t.Fatalf("the screen chose %q of %q", unit, picked)
	}
	opened := chromedp.WaitNewTarget(b.ctx, func(i *target.Info) bool { return strings.HasPrefix(i.URL, "blob:") })
	b.run("open the report", chromedp.Click(`form.dash-period button[type="submit"]`))
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(30 * time.Second):
		t.Fatal("no tab with the report opened")
	}
	tab, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
	defer cancel()
	var title, fonts, save string
	if err := chromedp.Run(tab, chromedp.Poll(`document.readyState === 'complete' && document.querySelector('h1') !== null`, nil),
		chromedp.Evaluate(`document.title`, &title),
		browsertest.Await(`document.fonts.ready.then(() => [...document.fonts].map((f) => f.status).sort().join(' '))`, &fonts)); err != nil {
		t.Fatal(err)
	}
	if want := "Monthly report · Area s1 · " + month.Format("Jan 2006"); title != want {
		t.Errorf("the tab's title %q, want %q", title, want)
	}
	if !strings.Contains(fonts, "loaded") || strings.Contains(fonts, "error") {
		t.Errorf("the report's fonts: %s", fonts)
	}
	b.run("the report can be saved", chromedp.WaitVisible(`a[download]`), chromedp.AttributeValue(`a[download]`, "download", &save, nil))
	if save != "s1-"+month.Format("2006-01")+".html" {
		t.Errorf("saved as %q", save)
	}
}
