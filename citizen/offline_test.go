package citizen_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// TestFormWithoutNetwork is a citizen on a network that comes and goes: the form, once seen,
// opens without network (the service worker's copy); a post made without network waits in
// the page, which says so; when the network returns (the browser's "online" event, then the
// periodic retry) it is sent by itself, the receipt shows and exactly one item is stored.
// Name and mobile are never at rest: not in the draft, not in Cache Storage.
func TestFormWithoutNetwork(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	// The server's side of "no network": a dropped connection, for the service worker too
	// (DevTools' offline emulation belongs to the page's target).
	var down atomic.Bool
	mux := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			if c, _, err := w.(http.Hijacker).Hijack(); err == nil {
				c.Close()
			}
			return
		}
		mux.ServeHTTP(w, r)
	})
	offline := func(off bool) chromedp.Action {
		if off {
			return network.EmulateNetworkConditions(true, 0, -1, -1)
		}
		return network.EmulateNetworkConditions(false, 0, -1, -1)
	}
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	const name, mobile = "Ramesh Offline", "9123456780"
	atRest := func(when string) string {
		t.Helper()
		var stored string
		run("read the phone's storage", browsertest.Await(`(async () => {
			let all = JSON.stringify(localStorage);
			for (const n of await caches.keys()) {
				const c = await caches.open(n);
				for (const k of await c.keys()) all += k.url + await (await c.match(k)).text();
			}
			return all;
		})()`, &stored))
		for _, v := range []string{name, mobile, "Ramesh"} {
			if strings.Contains(stored, v) {
				i := strings.Index(stored, v)
				t.Errorf("%s: %q is kept on the phone: …%s…", when, v, stored[max(0, i-200):min(len(stored), i+100)])
			}
		}
		return stored
	}

	var kept int
	run("open the form; the service worker keeps it",
		network.Enable(),
		chromedp.Navigate(srv.URL+"/s/st-a?lang=en"),
		chromedp.WaitVisible("#feedback"),
		chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Poll(`caches.open('anubhav-1').then(c => c.keys()).then(k => k.length >= 4)`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		browsertest.Await(`caches.open('anubhav-1').then(c => c.keys()).then(k => k.length)`, &kept),
	)
	down.Store(true)
	var intro string
	run("open it again without network",
		offline(true),
		chromedp.Navigate(srv.URL+"/s/st-a?lang=en"),
		chromedp.WaitVisible("#feedback"),
		chromedp.Text("#feedback > p", &intro),
	)
	if !strings.Contains(intro, "police station") {
		t.Fatalf("form opened without network: %q", intro)
	}

	comment := "Sent when the network came back"
	run("fill it in",
		chromedp.Click(`label[for="f-rating-5"]`),
		chromedp.Click(`label[for="f-purpose-verification"]`),
		chromedp.Click(`label[for="f-staff_available-yes"]`),
		chromedp.Click(`label[for="f-staff_helped-yes"]`),
		chromedp.Click(`label[for="f-behaviour-5"]`),
		chromedp.Click(`label[for="f-problem_solved-yes"]`),
		chromedp.SendKeys("#f-comment", comment),
		chromedp.SendKeys("#f-name", name),
		chromedp.SendKeys("#f-mobile", mobile),
		chromedp.Click(`label[for="f-consent"]`),
	)
	if !strings.Contains(atRest("after typing"), comment) {
		t.Error("the draft does not keep the comment")
	}

	var notice, button string
	run("send without network",
		chromedp.Click(`#feedback button[type=submit]`),
		chromedp.Poll(`document.getElementById('form-error').textContent !== ''`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#form-error", &notice),
		chromedp.Text(`#feedback button[type=submit]`, &button),
	)
	if !strings.Contains(notice, "Keep this page open") || button != "Waiting for the network…" {
		t.Fatalf("waiting: notice %q, button %q", notice, button)
	}
	count := func() int64 {
		n, err := app.CountRecords(schema.Feedback, dbx.HashExp{"comment": comment})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d items stored without network", n)
	}

	// The phone sees a network again but the server is still out of reach: the "online"
	// event's attempt fails and the page keeps waiting; the periodic retry sends it.
	run("the network returns, the server not yet", offline(false))
	time.Sleep(2 * time.Second)
	var hidden bool
	run("still waiting", chromedp.Evaluate(`document.getElementById('sent').hidden`, &hidden))
	if !hidden || count() != 0 {
		t.Fatalf("sent while the server was unreachable (receipt hidden %v, %d items)", hidden, count())
	}
	down.Store(false)
	var shown string
	run("sent by itself",
		chromedp.WaitVisible("#receipt", chromedp.ByID),
		chromedp.Text("#receipt", &shown),
	)
	if !regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{4}$`).MatchString(shown) {
		t.Fatalf("receipt shown as %q", shown)
	}
	time.Sleep(time.Second) // a second send, if there were one, would be stored by now
	if n := count(); n != 1 {
		t.Fatalf("%d items stored, want exactly 1", n)
	}
	if item := testapp.ItemOf(t, app, shown); item.GetString("comment") != comment {
		t.Errorf("the receipt leads to %v", item.FieldsData())
	}
	atRest("after sending")
}

// TestDraftsExpire: on a shared phone a draft (a complaint's text, an officer's name) does
// not stay for the next person: one last written more than a day ago is dropped when the form
// opens, as is one of an older release, which has no time and may hold a name and mobile; a
// draft of an hour ago fills the form.
func TestDraftsExpire(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	hoursAgo := func(h int) string {
		return `{"saved":` + strconv.FormatInt(time.Now().Add(-time.Duration(h)*time.Hour).UnixMilli(), 10) +
			`,"fields":{"comment":"Draft of ` + strconv.Itoa(h) + ` hours ago"}}`
	}
	for _, c := range []struct {
		name, draft, comment string
	}{
		{"an hour old", hoursAgo(1), "Draft of 1 hours ago"},
		{"a day and an hour old", hoursAgo(25), ""},
		{"an older release's, with a contact", `{"comment":"Old draft","name":"Old Name","mobile":"9000000001","consent":"yes"}`, ""},
	} {
		var comment, name, stored string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/s/st-a"),
			chromedp.WaitVisible("#feedback"),
			chromedp.Evaluate(`localStorage.setItem('anubhav-draft:st-a/experience', `+strconv.Quote(c.draft)+`)`, nil),
			chromedp.Reload(),
			chromedp.WaitVisible("#feedback"),
			chromedp.Value("#f-comment", &comment),
			chromedp.Value("#f-name", &name),
			chromedp.Evaluate(`JSON.stringify(localStorage)`, &stored),
		)
		if err != nil {
			t.Fatal(err)
		}
		if comment != c.comment || name != "" {
			t.Errorf("%s: the form shows comment %q, name %q; want %q and none", c.name, comment, name, c.comment)
		}
		if kept := strings.Contains(stored, "anubhav-draft"); kept != (c.comment != "") {
			t.Errorf("%s: the draft kept %v: %s", c.name, kept, stored)
		}
	}
}

// TestServiceWorkerAsksOnce: with the service worker in charge (navigation preload on), a
// page it does not keep (the landing page) is still asked of the server once, not twice.
func TestServiceWorkerAsksOnce(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	var asked atomic.Int32
	mux := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			asked.Add(1)
		}
		mux.ServeHTTP(w, r)
	})
	var h1 string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/s/st-a"),
		chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Text("h1", &h1),
		chromedp.Sleep(500*time.Millisecond), // a second request, if any, would have come
	)
	if err != nil {
		t.Fatal(err)
	}
	if n := asked.Load(); n != 1 || h1 == "" {
		t.Errorf("the landing page was asked %d times (heading %q), want once", n, h1)
	}
}

// TestServiceWorkerScript: /sw.js is served as JavaScript and revalidated on every update
// check, never kept long: a release's new worker reaches the phones at once.
func TestServiceWorkerScript(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	res, err := srv.Client().Get(srv.URL + "/sw.js")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "javascript") ||
		res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("ETag") == "" {
		t.Errorf("/sw.js: %d, Content-Type %q, Cache-Control %q, ETag %q", res.StatusCode,
			res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
	}
}
