package console_test

import (
	"testing"

	"anubhav/testkit/bulkdata"
	"anubhav/testkit/consolebench"
)

// The console's list and item on a district of 500 stations holding 1,000,000 items
// (DESIGN.md's budget: 100 ms), or on the data set that ANUBHAV_BENCH_STATE or
// ANUBHAV_BENCH_SHAPE chooses (bulkdata.Chosen). The data set is generated on the first run
// only (see bulkdata); these run only with -bench:
//
//	GOTOOLCHAIN=auto go test ./console/ -run '^$' -bench . -benchtime 10x

// BenchmarkInbox: see consolebench.Inbox.
func BenchmarkInbox(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	consolebench.Inbox(b, app, ds)
}

// BenchmarkItem: see consolebench.Item.
func BenchmarkItem(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	consolebench.Item(b, app, ds)
}
