package bulkdata

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// The data sets the benchmarks name: a district as DESIGN.md's 1,000,000-row budgets have it,
// and a state (about 1,500 stations in 75 districts) as its 10,000,000-row ones do.
var (
	District = Options{Stations: 500, Subdivisions: 25, Items: 1_000_000, Days: 365}
	State    = Options{Stations: 1500, Subdivisions: 300, Districts: 75, Items: 10_000_000, Days: 365}
)

// Chosen is the data set a benchmark runs on: the district, or the state with
// ANUBHAV_BENCH_STATE=1, or any shape with ANUBHAV_BENCH_SHAPE=stations/subdivisions/districts/items
// (e.g. 20/4/2/100000), which tries a harness out in seconds before a long run.
func Chosen(tb testing.TB) Options {
	tb.Helper()
	shape := os.Getenv("ANUBHAV_BENCH_SHAPE")
	switch {
	case shape != "":
		parts := strings.Split(shape, "/")
		n := make([]int, len(parts))
		for i, p := range parts {
			n[i], _ = strconv.Atoi(p)
			if n[i] < 1 {
				n = nil
				break
			}
		}
		if len(n) != 4 {
			tb.Fatalf("ANUBHAV_BENCH_SHAPE=%q: want stations/subdivisions/districts/items, each at least 1", shape)
		}
		return Options{Stations: n[0], Subdivisions: n[1], Districts: n[2], Items: n[3], Days: 365}
	case os.Getenv("ANUBHAV_BENCH_STATE") == "1":
		return State
	}
	return District
}
