package qr_test

import (
	"fmt"
	"image"
	"image/draw"
	"regexp"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"

	"anubhav/qr"
	"anubhav/testkit/qrtest"
)

func TestPNGHoldsExactlyTheFormURLAtHighCorrection(t *testing.T) {
	for _, c := range []struct{ appURL, station string }{
		{"http://localhost:8090", "st-a"},
		{"https://durg.police.example.in/", "drg-supela"},
		{"http://192.168.1.20:8090", "bhilai-nagar-chowki-3"},
		{"https://feedback.rajnandgaon-police.example.gov.in", "rjn-kotwali"},
	} {
		want := qr.FormURL(c.appURL, c.station)
		code, err := qr.New(want)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{qr.MinSize, qr.DefaultSize, 1000} {
			b, err := code.PNG(size)
			if err != nil {
				t.Fatal(err)
			}
			img := qrtest.PNG(t, b)
			if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
				t.Errorf("%s at %d px: image is %v", want, size, img.Bounds())
			}
			results := qrtest.Decode(t, img)
			if len(results) != 1 || results[0].GetText() != want {
				var got []string
				for _, r := range results {
					got = append(got, r.GetText())
				}
				t.Errorf("%d px: decoded %q, want exactly %q", size, got, want)
				continue
			}
			if lvl := results[0].GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL]; lvl != "H" {
				t.Errorf("%s: error correction %v, want H", want, lvl)
			}
		}
	}
	if got := qr.FormURL("https://durg.police.example.in/", "drg-supela"); got != "https://durg.police.example.in/s/drg-supela" {
		t.Errorf("FormURL = %q", got)
	}
}

func TestQuietZoneIsAtLeastFourModules(t *testing.T) {
	code, err := qr.New(qr.FormURL("http://localhost:8090", "st-a"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := code.PNG(qr.DefaultSize)
	img := qrtest.PNG(t, b)
	margin := qr.QuietZone * (qr.DefaultSize / code.Modules())
	first := -1 // first dark pixel on the diagonal band of the finder pattern
	for i := 0; i < qr.DefaultSize && first < 0; i++ {
		for j := 0; j < qr.DefaultSize; j++ {
			if r, _, _, _ := img.At(j, i).RGBA(); r == 0 {
				first = i
				break
			}
		}
	}
	if first < margin {
		t.Errorf("first dark row at %d px, want a quiet zone of at least %d px (4 modules)", first, margin)
	}
}

// The reason for level High: a poster with a corner torn or taped over still scans.
func TestScansWithAPartOfTheSymbolCovered(t *testing.T) {
	code, err := qr.New(qr.FormURL("https://durg.police.example.in", "drg-supela"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := code.PNG(qr.DefaultSize)
	src := qrtest.PNG(t, b)
	img := image.NewRGBA(src.Bounds())
	draw.Draw(img, img.Bounds(), src, image.Point{}, draw.Src)
	// A smudge over a sixth of the symbol, between the finder patterns.
	module := qr.DefaultSize / code.Modules()
	side := code.Modules() - 2*qr.QuietZone
	x0, y0 := (qr.QuietZone+side/3)*module, (qr.QuietZone+side*2/5)*module
	patch := image.Rect(x0, y0, x0+side*module*2/5, y0+side*module*2/5)
	draw.Draw(img, patch, image.White, image.Point{}, draw.Src)
	results := qrtest.Decode(t, img)
	if results[0].GetText() != code.Content {
		t.Errorf("covered code decodes to %q", results[0].GetText())
	}
}

func TestSVGIsDrawnFromTheBitmap(t *testing.T) {
	code, err := qr.New(qr.FormURL("http://localhost:8090", "st-a"))
	if err != nil {
		t.Fatal(err)
	}
	svg := string(code.SVG())
	n := code.Modules()
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `) || !strings.HasSuffix(svg, "</svg>") {
		t.Fatalf("not an SVG document: %.80s", svg)
	}
	// Render the path's strokes back into a bitmap, 8 px a module, and decode it.
	img := image.NewGray(image.Rect(0, 0, n*8, n*8))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	path := svg[strings.Index(svg, ` d="`)+4 : strings.LastIndex(svg, `"/>`)]
	var x, y int
	for _, seg := range regexp.MustCompile(`[Mmh][^Mmh]*`).FindAllString(path, -1) {
		var a, b int
		switch seg[0] {
		case 'M':
			_, err = fmt.Sscanf(seg, "M%d %d.5", &x, &y)
		case 'm':
			_, err = fmt.Sscanf(seg, "m%d 0", &a)
			x += a
		case 'h':
			_, err = fmt.Sscanf(seg, "h%d", &b)
			draw.Draw(img, image.Rect(x*8, y*8, (x+b)*8, (y+1)*8), image.Black, image.Point{}, draw.Src)
			x += b
		}
		if err != nil {
			t.Fatalf("path segment %q: %v", seg, err)
		}
	}
	if got := qrtest.Decode(t, img); got[0].GetText() != code.Content {
		t.Errorf("SVG decodes to %q, want %q", got[0].GetText(), code.Content)
	}
}

func TestSizeBounds(t *testing.T) {
	code, _ := qr.New("http://localhost:8090/s/st-a")
	for _, size := range []int{0, qr.MinSize - 1, qr.MaxSize + 1, -5} {
		if _, err := code.PNG(size); err == nil {
			t.Errorf("size %d accepted", size)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := qr.New("https://durg.police.example.in/s/drg-supela"); err != nil {
			b.Fatal(err)
		}
	}
}
