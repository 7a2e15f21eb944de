package console_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// "My digest" lists the officer's own digests, failed ones with their error, through
// /api/console/digests (the record API serves digests to superusers only).
func TestMyDigestListsTheOfficersOwnDigests(t *testing.T) {
	b, app, f := open(t, browsertest.Options{})
	col, err := app.FindCollectionByNameOrId(schema.Digests)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []map[string]any{
		{"day": "2026-01-02", "officer": f.Officers[testapp.SP], "status": schema.DigestFailed, "attempts": 5, "last_error": "mail server refused"},
		{"day": "2026-01-01", "officer": f.Officers[testapp.SP], "status": schema.DigestSent, "attempts": 1},
		{"day": "2026-01-03", "officer": f.Officers[testapp.SDO], "status": schema.DigestFailed, "attempts": 2, "last_error": "not the SP's"},
	} {
		r := core.NewRecord(col)
		r.Load(d)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	b.login(testapp.SP)
	var rows string
	b.run("my digest", chromedp.Navigate(b.url+"/console/#/digest"), chromedp.WaitVisible("tr.d-failed"), chromedp.Text("tbody", &rows))
	if !strings.Contains(rows, "2026-01-02") || !strings.Contains(rows, "mail server refused") || !strings.Contains(rows, "2026-01-01") ||
		strings.Contains(rows, "2026-01-03") || strings.Contains(rows, "not the SP's") {
		t.Errorf("the digests shown:\n%s", rows)
	}
	if first := strings.Index(rows, "2026-01-02"); first < 0 || first > strings.Index(rows, "2026-01-01") {
		t.Errorf("not the latest day first:\n%s", rows)
	}
}
