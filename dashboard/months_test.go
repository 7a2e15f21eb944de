package dashboard

import (
	"fmt"
	"testing"
	"time"
)

// A period is read as its whole calendar months and the days around them; together they are
// every day of the period, once.
func TestSplitMonths(t *testing.T) {
	ist := time.FixedZone("IST", 330*60)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, s, ist)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct{ from, to, want string }{
		{"2026-11-01", "2026-11-30", "[] [2026-11 2026-11]"},
		{"2026-11-02", "2026-11-30", "[[2026-11-02 2026-11-30]] [ ]"},
		{"2026-11-01", "2026-11-29", "[[2026-11-01 2026-11-29]] [ ]"},
		{"2026-10-25", "2026-12-04", "[[2026-10-25 2026-10-31] [2026-12-01 2026-12-04]] [2026-11 2026-11]"},
		{"2025-12-04", "2026-12-03", "[[2025-12-04 2025-12-31] [2026-12-01 2026-12-03]] [2026-01 2026-11]"},
		{"2025-12-01", "2026-11-30", "[] [2025-12 2026-11]"},
		{"2026-02-01", "2026-03-01", "[[2026-03-01 2026-03-01]] [2026-02 2026-02]"},
		{"2026-12-03", "2026-12-03", "[[2026-12-03 2026-12-03]] [ ]"},
	}
	for _, c := range cases {
		days, months := splitMonths(day(c.from), day(c.to))
		if got := fmt.Sprint(days, months); got != c.want {
			t.Errorf("%s..%s: %s, want %s", c.from, c.to, got, c.want)
		}
	}
}
