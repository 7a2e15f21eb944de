// Package qr draws the QR code of a station's form: a PNG at any sane size, and an SVG drawn
// from the code's own modules for print shops.
package qr

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"slices"
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
	hash    string // of the content, for ETags
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
	sum := sha256.Sum256([]byte(content))
	c := &Code{Content: content, hash: hex.EncodeToString(sum[:8]), bitmap: q.Bitmap()}
	c.svg = c.drawSVG()
	return c, nil
}

// ETag identifies one image of this code (e.g. variant "svg" or "png512") for HTTP caches.
func (c *Code) ETag(variant string) string { return `"` + c.hash + "-" + variant + `"` }

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
// equally sharp, and centres it; what is left over widens the quiet zone. It writes a
// 1-bit greyscale PNG itself: image/png visits such images pixel by pixel, five times slower.
func (c *Code) drawPNG(size int) ([]byte, error) {
	if err := CheckSize(size); err != nil {
		return nil, err
	}
	n := len(c.bitmap)
	scale := max(size/n, 1)
	size = max(size, n)
	offset := (size - n*scale) / 2
	stride := 1 + (size+7)/8 // a filter-type byte (0, none), then the pixels, 1 bit each
	white := make([]byte, stride)
	for i := 1; i < stride; i++ {
		white[i] = 0xff
	}
	raw := make([]byte, 0, stride*size)
	for range offset {
		raw = append(raw, white...)
	}
	for _, modules := range c.bitmap {
		row := slices.Clone(white)
		for x, dark := range modules {
			if !dark {
				continue
			}
			for px := offset + x*scale; px < offset+(x+1)*scale; px++ {
				row[1+px/8] &^= 0x80 >> (px % 8)
			}
		}
		for range scale {
			raw = append(raw, row...)
		}
	}
	for len(raw) < stride*size {
		raw = append(raw, white...)
	}

	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if _, err := z.Write(raw); err != nil {
		return nil, err
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(size))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(size))
	ihdr = append(ihdr, 1, 0, 0, 0, 0) // bit depth 1, greyscale, deflate, no filter, no interlace
	writeChunk(&out, "IHDR", ihdr)
	writeChunk(&out, "IDAT", idat.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// writeChunk writes a PNG chunk: length, type, data, CRC of type and data.
func writeChunk(w *bytes.Buffer, kind string, data []byte) {
	w.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	w.WriteString(kind)
	w.Write(data)
	w.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
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
