// Package qrtest reads QR codes back in tests, with gozxing: a decoder written apart from
// the encoder, so a test checks what a phone would read. Only tests import it.
package qrtest

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/multi/qrcode"
)

// Decode finds every QR code in an image; the test fails if there is none.
func Decode(t testing.TB, img image.Image) []*gozxing.Result {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	results, err := qrcode.NewQRCodeMultiReader().DecodeMultiple(bmp, nil)
	if err != nil || len(results) == 0 {
		t.Fatalf("no QR code found: %v", err)
	}
	return results
}

// PNG decodes a PNG file's bytes.
func PNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// Text is the content of the one QR code in a PNG; the test fails unless there is exactly one.
func Text(t testing.TB, pngBytes []byte) string {
	t.Helper()
	results := Decode(t, PNG(t, pngBytes))
	if len(results) != 1 {
		t.Fatalf("found %d QR codes, want exactly one", len(results))
	}
	return results[0].GetText()
}
