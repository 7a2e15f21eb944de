// Package procmem reads a process's resident memory from /proc (Linux), for the tests and
// benchmarks that measure what the real process holds.
package procmem

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"
)

var line = regexp.MustCompile(`(?m)^(VmRSS|VmHWM):\s+(\d+) kB`)

// Of is a process's resident memory now (VmRSS) and at its peak (VmHWM), in MB; pid 0 is
// this process.
func Of(tb testing.TB, pid int) (rss, hwm float64) {
	tb.Helper()
	path := "/proc/self/status"
	if pid != 0 {
		path = fmt.Sprintf("/proc/%d/status", pid)
	}
	status, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range line.FindAllSubmatch(status, -1) {
		kb, _ := strconv.Atoi(string(m[2]))
		if string(m[1]) == "VmRSS" {
			rss = float64(kb) / 1024
		} else {
			hwm = float64(kb) / 1024
		}
	}
	if rss == 0 || hwm == 0 {
		tb.Fatalf("no VmRSS or VmHWM in %s", path)
	}
	return rss, hwm
}
