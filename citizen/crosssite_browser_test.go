package citizen_test

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// anotherSite is a page of another site that sends a citizen's form to the appliance: by
// fetch as JSON (a preflight), by fetch as a simple request (no preflight, no answer to
// read), or as a plain form that the browser follows.
var anotherSite = template.Must(template.New("").Parse(`<!doctype html><html><body>
<form id="f" method="post" action="{{.Target}}">{{range $k, $v := .Values}}<input type="hidden" name="{{$k}}" value="{{index $v 0}}">{{end}}</form>
<script>
const target = {{.Target}}, form = new URLSearchParams(new FormData(document.getElementById('f')));
window.sendJSON = () => fetch(target, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: {{.JSON}}})
  .then(r => 'answered ' + r.status, () => 'blocked');
window.sendSimple = () => fetch(target, {method: 'POST', mode: 'no-cors', body: form}).then(() => 'sent', () => 'blocked');
</script></body></html>`))

// TestAnotherSitesPageCannotPost: to Chromium, localhost and 127.0.0.1 are two sites.
func TestAnotherSitesPageCannotPost(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 360})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	v := signed(t, app, with(answers(), "comment", "Led here by another site"))
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = anotherSite.Execute(w, map[string]any{"Target": srv.URL + "/api/feedback", "Values": v, "JSON": asJSON(v)})
	}))
	t.Cleanup(page.Close)

	var viaJSON, viaSimple, message, kept string
	err := chromedp.Run(ctx,
		chromedp.Navigate(strings.Replace(page.URL, "127.0.0.1", "localhost", 1)),
		chromedp.Evaluate(`sendJSON()`, &viaJSON, awaitPromise),
		chromedp.Evaluate(`sendSimple()`, &viaSimple, awaitPromise),
		chromedp.Submit("#f"),
		chromedp.WaitVisible(`form#feedback`),
		chromedp.Text(`form#feedback`, &message),
		chromedp.Value(`textarea[name="comment"]`, &kept),
	)
	if err != nil {
		t.Fatal(err)
	}
	if viaJSON != "blocked" {
		t.Errorf("a JSON post from another site was let through its preflight: %s", viaJSON)
	}
	if viaSimple != "sent" {
		t.Errorf("the simple post: %s", viaSimple)
	}
	if !strings.Contains(message, "This form was sent from another website") || kept != "Led here by another site" {
		t.Errorf("the citizen led here sees %q, text %q", message, kept)
	}
	if items := itemsSaying(t, app, "Led here by another site"); len(items) != 0 {
		t.Errorf("another site's page stored %d items", len(items))
	}
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
