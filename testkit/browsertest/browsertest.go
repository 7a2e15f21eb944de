// Package browsertest drives Debian's Chromium from Go tests, with chromedp. Where Chromium
// is absent the tests skip with a clear message, unless ANUBHAV_BROWSER_TESTS=1 (set by
// .ci/run), which makes them mandatory.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"anubhav/browser"
)

// Required is the environment variable that makes browser tests mandatory.
const Required = "ANUBHAV_BROWSER_TESTS"

// Options tune a browser.
type Options struct {
	// NoJavaScript turns JavaScript off, as on a phone with it disabled.
	NoJavaScript bool
	// Width of the window in CSS pixels (default 1024); 320 for a small phone.
	Width int
}

// New starts a headless Chromium for the test and returns its context, closed when the test
// ends. Every action on it is bounded by a timeout, so a stuck page fails the test.
func New(t *testing.T, opt Options) context.Context {
	t.Helper()
	path := browser.Path()
	if path == "" {
		if os.Getenv(Required) == "1" {
			t.Fatalf("Chromium is not installed but %s=1 requires browser tests (apt-get install -y chromium)", Required)
		}
		t.Skipf("skipping browser test: Chromium is not installed (apt-get install -y chromium; %s=1 makes this a failure)", Required)
	}
	width := opt.Width
	if width == 0 {
		width = 1024
	}
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("blink-settings", "scriptEnabled="+boolString(!opt.NoJavaScript)),
		chromedp.WindowSize(width, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		// Close the browser first and wait for it, so that it stops writing its profile
		// before the test's temp dir is removed.
		_ = chromedp.Cancel(ctx)
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	// Headless windows have a minimum width; the viewport emulation goes below it.
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(width), 800)); err != nil {
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	return ctx
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Await evaluates a JavaScript expression in the page and waits for the promise it returns.
func Await(expr string, res any) chromedp.Action {
	return chromedp.Evaluate(expr, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	})
}
