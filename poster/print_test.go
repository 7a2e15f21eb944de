package poster_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"

	"anubhav/browser"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/bulkdata"
	"anubhav/testkit/testapp"
)

// Set ANUBHAV_POSTER_PDF_DIR to keep the printed PDFs (to look at them, e.g. with pdftoppm).
const keepPDFs = "ANUBHAV_POSTER_PDF_DIR"

// Paper sizes in points.
const a4w, a4h, a5w, a5h = 595.3, 841.9, 419.5, 595.3

var (
	pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)
	mediaBox   = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]`)
)

// printToPDF prints a page as the report command does (browser.PrintPDF).
func printToPDF(t *testing.T, ctx context.Context, url string) []byte {
	t.Helper()
	pdf, err := browser.PrintPDF(ctx, url)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return pdf
}

// pages counts the pages of a PDF and checks that each has the paper size (in points).
func pages(t *testing.T, pdf []byte, width, height float64) int {
	t.Helper()
	for _, m := range mediaBox.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-width) > 2 || math.Abs(h-height) > 2 {
			t.Errorf("a page is %.0f×%.0f pt, want %.0f×%.0f", w, h, width, height)
		}
	}
	return len(pageObject.FindAll(pdf, -1))
}

func TestPostersPrintOnePerPage(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, c := range []struct {
		name, path    string
		width, height float64
		pages         int
	}{
		{"station-a4", "/api/stations/st-a/poster", a4w, a4h, 1},
		{"station-a5", "/api/stations/st-a/poster?paper=a5", a5w, a5h, 1},
		{"subdivision-s1", "/api/areas/s1/posters", a4w, a4h, 2},       // st-a, st-b; not the inactive st-off
		{"district-d1", "/api/areas/d1/posters", a4w, a4h, 3},          // and st-d, directly under the district
		{"range-rg-a5", "/api/areas/rg/posters?paper=a5", a5w, a5h, 4}, // and st-c of the other district
	} {
		pdf := printToPDF(t, ctx, srv.URL+c.path)
		if got := pages(t, pdf, c.width, c.height); got != c.pages {
			t.Errorf("%s printed on %d pages, want %d", c.path, got, c.pages)
		}
		if dir := os.Getenv(keepPDFs); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, c.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Hindi is drawn with the vendored Noto Sans Devanagari, whatever fonts the machine has, so
// that conjuncts and vowel signs are shaped as they should be in print.
func TestPosterUsesTheVendoredDevanagariFont(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{})
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	printToPDF(t, ctx, srv.URL+"/api/stations/st-a/poster")
	for _, sel := range []string{"h1.campaign", "h2.station", "ol li b"} {
		var nodes []cdp.NodeID
		var used []*css.PlatformFontUsage
		err := chromedp.Run(ctx,
			chromedp.NodeIDs(sel, &nodes, chromedp.ByQuery),
			chromedp.ActionFunc(func(ctx context.Context) error {
				if err := css.Enable().Do(ctx); err != nil {
					return err
				}
				var err error
				used, err = css.GetPlatformFontsForNode(nodes[0]).Do(ctx)
				return err
			}),
		)
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		var names []string
		for _, f := range used {
			names = append(names, f.FamilyName)
			if f.FamilyName != "Noto Sans Devanagari" || !f.IsCustomFont {
				t.Errorf("%s is drawn (partly) in %q (custom font: %v), want the vendored Noto Sans Devanagari", sel, f.FamilyName, f.IsCustomFont)
			}
		}
		if len(names) == 0 {
			t.Errorf("%s: no font used", sel)
		}
		t.Logf("%s: %s", sel, strings.Join(names, ", "))
	}
}

// Printing a whole district of 1,000 stations (docs/PERFORMANCE.md, Posters). It takes a
// few seconds and a bulk data set, so it runs only when asked:
//
//	ANUBHAV_PRINT_1000=1 ANUBHAV_BROWSER_TESTS=1 GOTOOLCHAIN=auto go test ./poster/ -run PrintingAThousand -v
func TestPrintingAThousandPosters(t *testing.T) {
	if os.Getenv("ANUBHAV_PRINT_1000") != "1" {
		t.Skip("set ANUBHAV_PRINT_1000=1 to print 1,000 posters")
	}
	ctx := browsertest.New(t, browsertest.Options{})
	app, _ := bulkdata.NewApp(t, bulkdata.Options{Stations: bulkStations, Subdivisions: 10})
	srv := testapp.Serve(t, app)
	start := time.Now()
	pdf := printToPDF(t, ctx, srv.URL+"/api/areas/bulk-district/posters")
	if got := pages(t, pdf, a4w, a4h); got != bulkStations {
		t.Errorf("printed %d pages, want %d", got, bulkStations)
	}
	t.Logf("%d posters served and printed to PDF in %v (%.1f MB)", bulkStations, time.Since(start).Round(time.Millisecond), float64(len(pdf))/1e6)
}
