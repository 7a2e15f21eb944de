package poster_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// A poster speaks of all three kinds, promises that a complaint never reaches the station,
// and gives 112, in Hindi and in English, whichever comes first.
func TestPosterSpeaksOfComplaintsTipsAnd112(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	both := []string{
		"अनुभव, शिकायत या गुप्त सूचना दें", "Feedback, complaint or tip-off",
		"शिकायत और गुप्त सूचना सीधे एसपी कार्यालय और एसडीओपी/सीएसपी को जाती हैं, इस थाने को नहीं।",
		"Complaints and tip-offs go straight to the SP office and the SDOP/CSP, never to this police station.",
		"आपातकाल में तुरंत 112 डायल करें।", "In an emergency, dial 112.",
	}
	for _, path := range []string{"/api/stations/st-a/poster", "/api/stations/st-a/poster?lang=en&paper=a5", "/api/areas/s1/posters"} {
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		for _, want := range both {
			if !strings.Contains(string(body), want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
		if strings.Contains(string(body), "onclick") || !strings.Contains(string(body), `<script src="/assets/print.js?v=`) {
			t.Errorf("%s: the print button's script is not the appliance's file", path)
		}
	}
}

// With the longer text, everything still fits its sheet, in both languages and on both
// papers: a sheet hides what overflows, so a page count alone would not show a cut line.
func TestPosterTextFitsItsSheet(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, q := range []string{"", "?paper=a5", "?lang=en", "?lang=en&paper=a5"} {
		var over []string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/api/stations/st-a/poster"+q),
			chromedp.Evaluate(`document.fonts.ready.then(() => [...document.querySelectorAll('.sheet, .frame')]
				.filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
				.map(e => e.className + ' ' + e.scrollHeight + '>' + e.clientHeight))`, &over,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		)
		if err != nil {
			t.Fatal(err)
		}
		if len(over) > 0 {
			t.Errorf("poster%s overflows: %v", q, over)
		}
	}
}
