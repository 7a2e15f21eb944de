package citizen_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// DESIGN.md's budgets for the form on 2G: answerable within 1.2 s on the first load and 0.6 s
// on the second.
const (
	firstLoad2G  = 1200 * time.Millisecond
	secondLoad2G = 600 * time.Millisecond
	// loads of each kind: the fastest is judged. While the fastest is over budget, up to
	// maxLoads: a CI machine whose other packages' tests kept both cores busy measured 1.3 s
	// at best in five loads of a page that takes 0.87-0.94 s alone.
	loads, maxLoads = 5, 15
)

// answerable is when the form can be answered, from the start of the navigation: the later
// of the first contentful paint, which waits for the one render-blocking stylesheet (so the
// page is rendered and styled), and domInteractive, when the whole HTML is parsed (so every
// input exists and takes a tap). The script is deferred: the form works without it, so the
// time does not wait for it, nor for the load event.
const answerable = `new Promise(done => {
	const at = () => {
		const nav = performance.getEntriesByType('navigation')[0];
		const paint = performance.getEntriesByName('first-contentful-paint')[0];
		if (!paint || !nav.domInteractive) return setTimeout(at, 20);
		done(Math.max(paint.startTime, nav.domInteractive));
	};
	at();
})`

// TestFormOn2G opens the form in Chromium on emulated 2G (250 kbps each way, 300 ms round
// trip), with nothing cached and again, and fails over the budgets; it logs the bytes
// received. The second load is timed once the service worker has kept the form, as on a
// citizen's return visit.
func TestFormOn2G(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, path := range []string{"/s/st-a", "/s/st-a?lang=en", "/s/st-a/complaint", "/s/st-a/tip"} {
		t.Run(path, func(t *testing.T) {
			ctx := browsertest.New(t, browsertest.Options{Width: 320})
			w := listen(ctx)
			const bytesPerSecond = 250_000 / 8
			if err := chromedp.Run(ctx, network.Enable(),
				network.EmulateNetworkConditions(false, 300, bytesPerSecond, bytesPerSecond).WithConnectionType(network.ConnectionTypeCellular2g),
			); err != nil {
				t.Fatal(err)
			}
			// The first load: on the fresh profile, then again with the cache, the service
			// worker and the cookies cleared. Logged: the median. Judged: the fastest,
			// as the emulated network is the same for every load while the test machine's other
			// work (other packages' tests on two cores) only ever adds time to a load.
			var times []time.Duration
			var received int64
			for i := 0; i < loads || i < maxLoads && slices.Min(times) > firstLoad2G; i++ {
				if i > 0 {
					if err := chromedp.Run(ctx, chromedp.Navigate("about:blank"), network.ClearBrowserCache(),
						storage.ClearDataForOrigin(srv.URL, "all")); err != nil {
						t.Fatal(err)
					}
				}
				took, n := loadOn2G(t, ctx, w, srv.URL+path)
				if n < received*9/10 {
					t.Fatalf("first load %d of %s received %d B, the first %d B: something was cached", i+1, path, n, received)
				}
				times, received = append(times, took), max(received, n)
			}
			slices.Sort(times)
			t.Logf("first load  %-18s answerable after %4d ms on 2G (budget %d ms; the %d loads %v), %5d B received (HTML, CSS, JS)",
				path, times[len(times)/2].Milliseconds(), firstLoad2G.Milliseconds(), len(times), times, received)
			if times[0] > firstLoad2G {
				t.Errorf("first load of %s: answerable after %v at best on 2G, over the budget of %v", path, times[0], firstLoad2G)
			}
			kept := `caches.open('anubhav-1').then(c => c.keys()).then(k => k.length >= 4)`
			if err := chromedp.Run(ctx, chromedp.Poll(kept, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
				t.Fatalf("the service worker did not keep the form: %v", err)
			}
			// the second load, as many times likewise
			times = times[:0]
			for i := 0; i < loads || i < maxLoads && slices.Min(times) > secondLoad2G; i++ {
				took, _ := loadOn2G(t, ctx, w, srv.URL+path)
				times = append(times, took)
			}
			slices.Sort(times)
			t.Logf("second load %-18s answerable after %4d ms on 2G (budget %d ms; the %d loads %v)",
				path, times[len(times)/2].Milliseconds(), secondLoad2G.Milliseconds(), len(times), times)
			if times[0] > secondLoad2G {
				t.Errorf("second load of %s: answerable after %v at best on 2G, over the budget of %v", path, times[0], secondLoad2G)
			}
		})
	}
}

// loadOn2G opens u and returns when it was answerable and the bytes received for its HTML,
// CSS and JS (another request, such as the favicon's, comes after the form is answerable).
func loadOn2G(t *testing.T, ctx context.Context, w *wire, u string) (time.Duration, int64) {
	t.Helper()
	fetched := w.load(t, ctx, u)
	var ms float64
	if err := chromedp.Run(ctx, browsertest.Await(answerable, &ms)); err != nil {
		t.Fatal(err)
	}
	var received int64
	for _, f := range fetched {
		switch f.kind {
		case network.ResourceTypeDocument, network.ResourceTypeStylesheet, network.ResourceTypeScript:
			received += f.bytes
		}
	}
	return time.Duration(ms * float64(time.Millisecond)), received
}
