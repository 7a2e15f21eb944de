package replicate

import (
	"testing"
	"time"

	"github.com/superfly/ltx"
)

// The lag is the age of the oldest change the replica lacks, and 0 once it has them all.
func TestLagIsTheAgeOfTheOldestChangeNotShipped(t *testing.T) {
	var m lagMeter
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	steps := []struct {
		local, replica uint64
		at             float64
		want           time.Duration
	}{
		{5, 5, 0, 0},
		{6, 5, 1, 0},                 // seen now: no age yet
		{7, 5, 1.5, time.Second / 2}, // still 6 missing, seen at 1
		{7, 6, 2, time.Second / 2},   // 6 shipped: 7, seen at 1.5
		{9, 6, 3, 1500 * time.Millisecond},
		{9, 9, 3.2, 0},
		{9, 9, 100, 0},
	}
	for _, s := range steps {
		if got := m.observe(ltx.TXID(s.local), ltx.TXID(s.replica), at(s.at)); got != s.want {
			t.Errorf("local %d, replica %d at %.1f s: lag %s, want %s", s.local, s.replica, s.at, got, s.want)
		}
	}
	// A day behind under constant writes keeps few notes, and the lag stays exact for the oldest.
	m = lagMeter{}
	for i := range 4 * 86400 {
		m.observe(ltx.TXID(uint64(10+i)), 9, at(float64(i)/4))
	}
	if n := len(m.pending); n > 5000 {
		t.Errorf("a day behind keeps %d notes", n)
	}
	if got := m.observe(ltx.TXID(10+4*86400), 9, at(86400)); got != 86400*time.Second {
		t.Errorf("a day behind: lag %s", got)
	}
}
