package poster_test

import (
	"bytes"
	"fmt"
	"testing"

	"anubhav/poster"
	"anubhav/testkit/bulkdata"
)

// The whole district's posters, 1,000 stations, one document (docs/PERFORMANCE.md, Posters):
//
//	GOTOOLCHAIN=auto go test ./poster/ -run '^$' -bench . -benchtime 10x
const bulkStations = 1000

func BenchmarkAreaPosters1000(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Options{Stations: bulkStations, Subdivisions: 10})
	render := func(b *testing.B) {
		doc, err := poster.ForArea(app, "bulk-district", poster.A4)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := doc.Render(&buf); err != nil {
			b.Fatal(err)
		}
		if len(doc.Posters) != bulkStations {
			b.Fatalf("%d posters", len(doc.Posters))
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB/doc")
	}
	// Cold: every QR code encoded afresh, as on the first request after the App URL changed
	// (were the hook not to have encoded them already).
	b.Run("cold", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			app.Settings().Meta.AppURL = fmt.Sprintf("https://anubhav-%d.example.in", i)
			render(b)
		}
	})
	// Warm: codes from the cache, as on every other request.
	b.Run("warm", func(b *testing.B) {
		render(b)
		for b.Loop() {
			render(b)
		}
	})
}

// What the posters command does for 1,000 stations: PNG (1200 px), SVG and HTML per station,
// and the document of all.
func BenchmarkWriteArea1000(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Options{Stations: bulkStations, Subdivisions: 10})
	for b.Loop() {
		n, err := poster.WriteArea(app, "bulk-district", poster.A4, b.TempDir(), func(int, int) {})
		if err != nil || n != bulkStations {
			b.Fatal(n, err)
		}
	}
}

// An App URL change re-encodes every active station's code and rewrites every poster link.
func BenchmarkAppURLChanged1000(b *testing.B) {
	app, _ := bulkdata.NewApp(b, bulkdata.Options{Stations: bulkStations, Subdivisions: 10})
	i := 0
	for b.Loop() {
		i++
		if err := poster.AppURLChanged(app, fmt.Sprintf("https://anubhav-%d.example.in", i)); err != nil {
			b.Fatal(err)
		}
	}
}
