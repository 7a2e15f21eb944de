package citizen_test

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// wire records what Chromium's network layer (DevTools protocol) saw: every request, its
// type, whether it came from the cache, and the bytes received for it (headers and the
// compressed body, as on the phone's connection).
type wire struct {
	mu   sync.Mutex
	reqs map[network.RequestID]*fetch
	all  []*fetch
}

type fetch struct {
	url       string
	kind      network.ResourceType
	status    int64
	cached    bool // served from the memory or disk cache
	bytes     int64
	done      bool
	encodings string
}

func listen(ctx context.Context) *wire {
	w := &wire{reqs: map[network.RequestID]*fetch{}}
	chromedp.ListenTarget(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			f := &fetch{url: ev.Request.URL, kind: ev.Type}
			w.reqs[ev.RequestID] = f
			w.all = append(w.all, f)
		case *network.EventRequestServedFromCache:
			if f := w.reqs[ev.RequestID]; f != nil {
				f.cached = true
			}
		case *network.EventResponseReceived:
			if f := w.reqs[ev.RequestID]; f != nil {
				f.status = ev.Response.Status
				f.cached = f.cached || ev.Response.FromDiskCache
				f.encodings, _ = ev.Response.Headers["Content-Encoding"].(string)
			}
		case *network.EventLoadingFinished:
			if f := w.reqs[ev.RequestID]; f != nil {
				f.bytes, f.done = int64(ev.EncodedDataLength), true
			}
		case *network.EventLoadingFailed:
			if f := w.reqs[ev.RequestID]; f != nil {
				f.done = true
			}
		}
	})
	return w
}

// load navigates to u and returns the requests of that load once all have finished.
func (w *wire) load(t *testing.T, ctx context.Context, u string) []fetch {
	t.Helper()
	w.mu.Lock()
	w.all, w.reqs = nil, map[network.RequestID]*fetch{}
	w.mu.Unlock()
	if err := chromedp.Run(ctx, chromedp.Navigate(u), chromedp.WaitVisible("#feedback")); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		w.mu.Lock()
		var out []fetch
		done := true
		for _, f := range w.all {
			done = done && f.done
			out = append(out, *f)
		}
		w.mu.Unlock()
		if done && len(out) > 0 {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: requests still open after 10 s: %+v", u, out)
		}
	}
}

// TestFormPageOnTheWire loads the form in Chromium on a fresh profile and counts the bytes
// received for its HTML, CSS and JS (DESIGN.md: at most 14 KB, from the appliance's own host
// only); then opens it again and checks that the CSS and JS came from the phone's cache,
// without a request to the server (they are linked by their content's hash and kept a year).
func TestFormPageOnTheWire(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, path := range []string{"/s/st-a", "/s/st-a?lang=en", "/s/st-a/complaint", "/s/st-a/tip"} {
		t.Run(path, func(t *testing.T) {
			ctx := browsertest.New(t, browsertest.Options{Width: 320})
			w := listen(ctx)
			if err := chromedp.Run(ctx, network.Enable()); err != nil {
				t.Fatal(err)
			}

			first := w.load(t, ctx, srv.URL+path)
			by := map[network.ResourceType]int64{}
			var total int64
			for _, f := range first {
				u, err := url.Parse(f.url)
				if err == nil && u.Scheme == "data" {
					continue // drawn by the browser itself (the date field's icon): no network
				}
				if err != nil || u.Host != host {
					t.Errorf("a request to another host: %s", f.url)
				}
				switch f.kind {
				case network.ResourceTypeDocument, network.ResourceTypeStylesheet, network.ResourceTypeScript:
					if f.cached || f.status != 200 || f.encodings != "gzip" {
						t.Errorf("first load of %s: status %d, from cache %v, Content-Encoding %q", f.url, f.status, f.cached, f.encodings)
					}
					by[f.kind] += f.bytes
					total += f.bytes
				}
			}
			if by[network.ResourceTypeStylesheet] == 0 || by[network.ResourceTypeScript] == 0 {
				t.Errorf("the form loaded no CSS or no JS: %+v", first)
			}
			t.Logf("first load %-18s html %5d B + css %5d B + js %5d B = %5d B received (budget %d B)", path,
				by[network.ResourceTypeDocument], by[network.ResourceTypeStylesheet], by[network.ResourceTypeScript], total, FormBudget)
			if total > FormBudget {
				t.Errorf("%s: %d B received on the first load, over the budget of %d B", path, total, FormBudget)
			}

			second := w.load(t, ctx, srv.URL+path)
			var received int64
			cached := map[network.ResourceType]bool{}
			for _, f := range second {
				switch f.kind {
				case network.ResourceTypeStylesheet, network.ResourceTypeScript:
					if !f.cached || f.bytes != 0 {
						t.Errorf("second load: %s not from the cache (status %d, %d B)", f.url, f.status, f.bytes)
					}
					cached[f.kind] = true
				}
				received += f.bytes
			}
			if !cached[network.ResourceTypeStylesheet] || !cached[network.ResourceTypeScript] {
				t.Errorf("second load: the CSS or the JS was not loaded: %+v", second)
			}
			// and the page itself agrees: nothing was transferred for them
			var refetched []string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByType('resource').filter(e => e.transferSize > 0).map(e => e.name)`, &refetched)); err != nil {
				t.Fatal(err)
			}
			if len(refetched) > 0 {
				t.Errorf("second load transferred %q", refetched)
			}
			t.Logf("second load %-18s %5d B received (the HTML; CSS and JS from the cache)", path, received)
		})
	}
}
