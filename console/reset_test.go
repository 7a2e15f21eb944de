package console_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// An officer who forgot the password gets PocketBase's reset mail with a link that opens the
// console's own reset form, sets a new one there and logs in with it. (The test app keeps
// PocketBase's mails in its TestMailer instead of sending them.)
func TestPasswordResetMailOpensTheConsole(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	post := func(path, body string) int {
		t.Helper()
		res, err := http.Post(srv.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if status := post("/api/collections/officers/request-password-reset", `{"email":"`+testapp.StationA+`"}`); status != http.StatusNoContent {
		t.Fatalf("request: %d", status)
	}
	// PocketBase sends it in the background
	for deadline := time.Now().Add(5 * time.Second); app.TestMailer.TotalSend() == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if app.TestMailer.TotalSend() != 1 {
		t.Fatalf("%d mails sent", app.TestMailer.TotalSend())
	}
	mail := app.TestMailer.LastMessage()
	link := regexp.MustCompile(`/console/#/reset/([A-Za-z0-9._-]+)`).FindStringSubmatch(mail.HTML)
	if link == nil || mail.To[0].Address != testapp.StationA {
		t.Fatalf("the mail to %v does not link to the console:\n%s", mail.To, mail.HTML)
	}
	// The officer follows the link, sets a new password in the console and logs in with it.
	b := browser{t: t, ctx: browsertest.New(t, browsertest.Options{}), url: srv.URL}
	b.run("set a new password",
		chromedp.Navigate(srv.URL+"/console/#/reset/"+link[1]),
		chromedp.WaitVisible("#passwordConfirm"),
		chromedp.SendKeys("#password", "new-secret-1"),
		chromedp.SendKeys("#passwordConfirm", "new-secret-1"),
		chromedp.Click(`form button[type="submit"]`),
		chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", testapp.StationA),
		chromedp.SendKeys("#password", "new-secret-1"),
		chromedp.Click(`form button[type="submit"]`),
		chromedp.WaitVisible(".counts .count"),
	)
}
