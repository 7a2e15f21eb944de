// Package qr draws the QR code of a station's form: a PNG at any sane size, and an SVG drawn
// from the code's own modules for print shops.
package qr

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"sync"

	qrcode "github.com/skip2/go-qrcode"
)

// Level is the error correction of every code: High restores up to 30% of the symbol. A
// poster hangs for years on a station wall, where it creases, fades in the sun and gets
// taped over at a corner; the URL is short, so High costs only a version or two (a few
// modules a side) and the modules stay large enough to scan from a step away.
const Level = qrcode.Highest

// QuietZone is the white margin around the symbol, in modules: the four the standard asks.
// go-qrcode's bitmap carries it.
const QuietZone = 4

// PNG sizes in pixels: the default, and the bounds a request may ask within.
const (
	DefaultSize = 512
	MinSize     = 128
	MaxSize     = 2048
)

// Code is one QR code, ready to serve: its bitmap, the SVG drawn from it (which every
// poster inlines) and, once first asked for, the default-size PNG.
type Code struct {
	// Content is what the code holds.
	Content string
	// ETag identifies the images of this content, for HTTP caches.
	ETag    string
	bitmap  [][]bool
	svg     []byte
	pngOnce sync.Once
	png     []byte
	pngErr  error
}

// New encodes content.
func New(content string) (*Code, error) {
	q, err := qrcode.New(content, Level)
	if err != nil {
		return nil, fmt.Errorf("qr code for %q: %w", content, err)
	}
	c := &Code{Content: content, ETag: etag(content), bitmap: q.Bitmap()}
	c.svg = c.drawSVG()
	return c, nil
}

// Modules is the width of the symbol in modules, the quiet zone included.
func (c *Code) Modules() int { return len(c.bitmap) }

// SVG is the code as a vector image: one path of the dark modules, on white.
func (c *Code) SVG() []byte { return c.svg }

// PNG is the code as a black-and-white PNG of size×size pixels (see CheckSize).
func (c *Code) PNG(size int) ([]byte, error) {
	if size == DefaultSize {
		c.pngOnce.Do(func() { c.png, c.pngErr = c.drawPNG(DefaultSize) })
		return c.png, c.pngErr
	}
	return c.drawPNG(size)
}

// CheckSize says whether a PNG size is within bounds, in words fit for an API error.
func CheckSize(size int) error {
	if size < MinSize || size > MaxSize {
		return fmt.Errorf("size must be a whole number of pixels from %d to %d", MinSize, MaxSize)
	}
	return nil
}

// drawPNG scales the bitmap by a whole number of pixels per module, so every module is
// equally sharp, and centres it; what is left over widens the quiet zone.
func (c *Code) drawPNG(size int) ([]byte, error) {
	if err := CheckSize(size); err != nil {
		return nil, err
	}
	n := len(c.bitmap)
	scale := max(size/n, 1)
	size = max(size, n)
	offset := (size - n*scale) / 2
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y, row := range c.bitmap {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range scale {
				line := img.Pix[(offset+y*scale+dy)*img.Stride:]
				for dx := range scale {
					line[offset+x*scale+dx] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawSVG draws each row's runs of dark modules as strokes one module wide, in module
// units: a short path that any print shop's software scales without loss.
func (c *Code) drawSVG() []byte {
	n := len(c.bitmap)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" shape-rendering="crispEdges">`, n, n, n*8, n*8)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path stroke="#000" stroke-width="1" d="`, n, n)
	for y, row := range c.bitmap {
		pen := -1 // where the last run on this row ended; -1 before the first
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < n && row[x] {
				x++
			}
			if pen < 0 {
				b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + ".5")
			} else {
				b.WriteString("m" + strconv.Itoa(start-pen) + " 0")
			}
			b.WriteString("h" + strconv.Itoa(x-start))
			pen = x
		}
	}
	b.WriteString(`"/></svg>`)
	return []byte(b.String())
}

func etag(content string) string {
	sum := sha256.Sum256([]byte(content))
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}
