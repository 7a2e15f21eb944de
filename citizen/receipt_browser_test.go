package citizen_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// The receipt stays on one line on a small phone (320 and 360 px), whole inside its card: a
// citizen who copies or photographs the first line has all 19 characters.
func TestReceiptOnOneLine(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, width := range []int{320, 360} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := browsertest.New(t, browsertest.Options{Width: width})
			// the thank-you section as form.js shows it, with a receipt of the widest digits
			var got struct {
				Lines, Height, LineHeight, Overflow float64
				Text                                string
			}
			err := chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+"/s/st-a"),
				chromedp.WaitReady("#sent", chromedp.ByQuery),
				chromedp.Evaluate(`(() => {
					document.getElementById('feedback').hidden = true;
					document.getElementById('sent').hidden = false;
					const p = document.getElementById('receipt');
					p.textContent = '8888-8888-8888-8888';
					const range = document.createRange();
					range.selectNodeContents(p);
					const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
					const box = p.closest('.card').getBoundingClientRect(), text = range.getBoundingClientRect();
					return {Lines: tops.size, Height: p.getBoundingClientRect().height,
						LineHeight: parseFloat(getComputedStyle(p).lineHeight),
						Overflow: Math.max(0, text.right - box.right, box.left - text.left), Text: p.textContent};
				})()`, &got),
			)
			if err != nil {
				t.Fatal(err)
			}
			if got.Lines != 1 || got.Height > got.LineHeight*1.5 || got.Overflow > 0 {
				t.Errorf("at %d px the receipt %q takes %v line(s), %.0f px high for a %.0f px line, %.0f px outside its card",
					width, got.Text, got.Lines, got.Height, got.LineHeight, got.Overflow)
			}
		})
	}
}
