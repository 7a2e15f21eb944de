package citizen_test

import (
	"testing"

	"anubhav/testkit/sidebyside"
	"anubhav/testkit/testapp"
)

// BenchmarkSubmissions measures POST /api/feedback against PocketBase's own create of the same
// row on the fixture's stations (see sidebyside.New and Measure; statebench does the same on a
// bulk data set). Run it with a fixed count, e.g.
//
//	go test ./citizen -run '^$' -bench Submissions -benchtime 4000x
func BenchmarkSubmissions(b *testing.B) {
	app, _ := testapp.New(b)
	sidebyside.New(b, app, []string{"st-a", "st-b", "st-c", "st-d"}).Measure(b)
}
