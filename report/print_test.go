package report_test

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"anubhav/browser"
	"anubhav/poster"
	"anubhav/report"
	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// Set ANUBHAV_REPORT_PDF_DIR to keep the printed report (to look at it, e.g. with pdftoppm).
const keepPDF = "ANUBHAV_REPORT_PDF_DIR"

var a4 = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 59[45](?:\.\d+)? 841(?:\.\d+)?\s*\]`)

// The report saved to disk prints on A4 in Chromium with nothing else at hand (its fonts are
// inside it), and the PDF's text holds the Hindi words shaped as the catalog writes them:
// pdftotext reads back what the glyphs say.
func TestThePrintedReportHoldsShapedHindi(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{})
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv(browsertest.Required) == "1" {
			t.Fatalf("pdftotext is not installed but %s=1 requires it (apt-get install -y poppler-utils)", browsertest.Required)
		}
		t.Skip("skipping: pdftotext is not installed (apt-get install -y poppler-utils)")
	}
	app, fx := testapp.New(t)
	month := lastMonth()
	fill(t, app, fx, month)
	sp := officer(t, app, testapp.SP)
	sp.Set("lang", schema.LangHindi)
	r, err := report.Build(app, sp, url.Values{"month": {ym(month)}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	testapp.Serve(t, app) // binds the hooks, which hand over the fonts
	fonts, err := poster.Fonts(app)
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := r.Render(&doc, fonts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "d1.html")
	if err := os.WriteFile(html, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf, err := browser.PrintPDF(ctx, "file://"+html)
	if err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv(keepPDF); d != "" {
		_ = os.WriteFile(filepath.Join(d, "report-d1.pdf"), pdf, 0o644)
	}
	if boxes := a4.FindAll(pdf, -1); len(boxes) < 3 {
		t.Errorf("%d A4 pages, want the summary and a half page per unit (at least 3)", len(boxes))
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", writeFile(t, dir, "d1.pdf", pdf), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		words.T(words.Hindi, "report.title"),          // मासिक रिपोर्ट: a vowel sign before its consonant, a conjunct
		words.T(words.Hindi, "report.previous_month"), // पिछला महीना
		words.T(words.Hindi, "report.instructions"),   // निर्देश: a reph
		"थाना st-a",
		words.T(words.Hindi, "month."+strings.TrimLeft(month.Format("01"), "0")),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
