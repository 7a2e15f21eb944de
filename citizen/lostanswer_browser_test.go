package citizen_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpfetch "github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// fillExperience answers the experience form in the browser, with a comment.
func fillExperience(comment string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Click(`label[for="f-rating-5"]`),
		chromedp.Click(`label[for="f-purpose-verification"]`),
		chromedp.Click(`label[for="f-staff_available-yes"]`),
		chromedp.Click(`label[for="f-staff_helped-yes"]`),
		chromedp.Click(`label[for="f-behaviour-5"]`),
		chromedp.Click(`label[for="f-problem_solved-yes"]`),
		chromedp.SendKeys("#f-comment", comment),
	}
}

// TestALostAnswerStillShowsTheReceipt is a post on 2G that reaches the server and is stored,
// but whose answer is lost on the way back (DevTools fails the request at the response
// stage): the page holds the post and sends it again, and the citizen sees the receipt of the
// item stored the first time; exactly one item exists.
func TestALostAnswerStillShowsTheReceipt(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	var answers atomic.Int32
	chromedp.ListenTarget(ctx, func(ev any) {
		paused, ok := ev.(*cdpfetch.EventRequestPaused)
		if !ok {
			return
		}
		go func() {
			exec := cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Target)
			var err error
			if answers.Add(1) == 1 {
				err = cdpfetch.FailRequest(paused.RequestID, network.ErrorReasonConnectionReset).Do(exec)
			} else {
				err = cdpfetch.ContinueRequest(paused.RequestID).Do(exec)
			}
			if err != nil && ctx.Err() == nil {
				t.Errorf("answering the paused request: %v", err)
			}
		}()
	})
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	comment := "Stored, but the answer was lost"
	count := func() int64 {
		n, err := app.CountRecords(schema.Feedback, dbx.HashExp{"comment": comment})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	run("open the form, fill it in",
		chromedp.Navigate(srv.URL+"/s/st-a?lang=en"),
		chromedp.WaitVisible("#feedback"),
		cdpfetch.Enable().WithPatterns([]*cdpfetch.RequestPattern{{URLPattern: "*/api/feedback*", RequestStage: cdpfetch.RequestStageResponse}}),
		fillExperience(comment),
	)
	time.Sleep(time.Second) // a person takes a moment
	var notice string
	run("send; the answer is lost",
		chromedp.Click(`#feedback button[type=submit]`),
		chromedp.Poll(`document.getElementById('form-error').textContent !== ''`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#form-error", &notice),
	)
	if n := count(); n != 1 || !strings.Contains(notice, "Keep this page open") {
		t.Fatalf("after the lost answer: %d items stored, the page says %q", n, notice)
	}
	var shown string
	run("sent again when the phone is online again; the receipt shows",
		chromedp.Evaluate(`window.dispatchEvent(new Event('online'))`, nil),
		chromedp.WaitVisible("#receipt", chromedp.ByID),
		chromedp.Text("#receipt", &shown),
	)
	if !regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{4}$`).MatchString(shown) || answers.Load() != 2 {
		t.Fatalf("receipt shown as %q after %d answers", shown, answers.Load())
	}
	if n := count(); n != 1 {
		t.Fatalf("%d items stored, want exactly 1", n)
	}
	if item := testapp.ItemOf(t, app, shown); item.GetString("comment") != comment {
		t.Errorf("the receipt leads to %v", item.FieldsData())
	}
}

// TestTooManyInChromium: when PocketBase's rate limiter refuses the post (429), form.js says
// so in the page's words, not "no network", and the form keeps the text, ready to send.
func TestTooManyInChromium(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	comment := "Refused for now, kept"
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/s/st-a?lang=hi"),
		chromedp.WaitVisible("#feedback"),
		fillExperience(comment),
	)
	if err != nil {
		t.Fatal(err)
	}
	// the browser's address (127.0.0.1) reaches its limit
	for i := 0; request(t, srv.Client(), "POST", srv.URL+"/api/feedback", jsonType, "{}") != http.StatusTooManyRequests; i++ {
		if i > 30 {
			t.Fatal("no 429 after 31 posts")
		}
	}
	var msg, kept string
	var disabled bool
	err = chromedp.Run(ctx,
		chromedp.Click(`#feedback button[type=submit]`),
		chromedp.Poll(`document.getElementById('form-error').textContent !== ''`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#form-error", &msg),
		chromedp.Value("#f-comment", &kept),
		chromedp.Evaluate(`document.querySelector('#feedback button[type=submit]').disabled`, &disabled),
	)
	if err != nil {
		t.Fatal(err)
	}
	if msg != words.T("hi", "error.too_many") || kept != comment || disabled {
		t.Errorf("after a 429: message %q, comment %q, button disabled %v", msg, kept, disabled)
	}
	if n, _ := app.CountRecords(schema.Feedback, dbx.HashExp{"comment": comment}); n != 0 {
		t.Errorf("%d items stored", n)
	}
}
