package digest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// Issue 13, point 8: the digest fits a phone: at the width the console's preview frame has on
// a 390 px phone, nothing runs off the right edge, even a comment with an unbroken long word.
func TestTheDigestFitsAPhone(t *testing.T) {
	app, f := testapp.New(t)
	seedDay(t, app, f)
	addItem(t, app, f, item{"st-a", schema.KindComplaint, 0, []string{schema.FlagUrgent}, "", at(day, 11, 0),
		"https://example.com/" + strings.Repeat("averyveryverylongunbrokenword", 6)})
	d0, _ := digest.DayOf(day, ist)
	mail, err := digest.Mail(app, officer(t, app, testapp.SP), d0, at("2025-06-11", 8, 0))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(mail.HTML))
	}))
	defer srv.Close()
	ctx := browsertest.New(t, browsertest.Options{Width: 340}) // 390 less the console's margins
	var scroll, width float64
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal("navigate ", err, len(mail.HTML))
	}
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`window.innerWidth`, &width)); err != nil {
		t.Fatal(err)
	}
	if scroll > width {
		t.Errorf("the digest is %v px wide in a %v px frame", scroll, width)
	}
}
