// Package browser finds the machine's Chromium and prints pages to PDF with it (chromedp):
// Devanagari needs a browser's text shaping, so the appliance's printable documents are
// printed by one. The tests' browsertest finds Chromium the same way.
package browser

import (
	"context"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Path is the Chromium binary ($CHROMIUM, else chromium, chromium-browser or google-chrome
// on PATH), or "" where there is none.
func Path() string {
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start runs a headless Chromium (at Path) for printing; cancel closes it.
func Start(ctx context.Context, path string) (context.Context, context.CancelFunc) {
	flags := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, flags...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	return browserCtx, func() {
		_ = chromedp.Cancel(browserCtx)
		cancelBrowser()
		cancelAlloc()
	}
}

// PrintPDF opens a page, waits for its fonts and prints it as the print dialog would, on the
// paper its CSS asks for, backgrounds (the hatched bars) included. A page whose fonts did
// not load is an error: its Devanagari would print in a fallback font, or as boxes.
func PrintPDF(ctx context.Context, url string) ([]byte, error) {
	var pdf []byte
	var fonts string
	err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.Evaluate(`document.fonts.ready.then(() => document.fonts.status)`, &fonts,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
			return err
		}),
	)
	if err == nil && fonts != "loaded" {
		err = fmt.Errorf("%s: its fonts did not load (%s)", url, fonts)
	}
	return pdf, err
}
