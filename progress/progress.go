// Package progress shows how far long work has come: a bar redrawn in place on a terminal,
// plain lines (about every tenth of the way) when the output is a file or a pipe, and where
// asked the rate (e.g. 21300 rows/s).
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

const barWidth = 30

// Func is told the number of steps done so far and in all.
type Func func(done, total int)

// For reports to f (usually os.Stderr) as a bar if f is a terminal, as lines otherwise.
func For(f *os.File, label string) Func { return Counting(f, label, "") }

// Counting is For with the rate, in units per second (none if unit is empty).
func Counting(f *os.File, label, unit string) Func {
	r := newRate(unit)
	if term.IsTerminal(int(f.Fd())) {
		return bar(f, label, r)
	}
	return lines(f, label, r)
}

// Bar redraws one line: label [#####.....] done/total.
func Bar(w io.Writer, label string) Func { return bar(w, label, newRate("")) }

// Lines writes "label: done/total" each time another tenth of the work is done, and at the end.
func Lines(w io.Writer, label string) Func { return lines(w, label, newRate("")) }

func bar(w io.Writer, label string, r rate) Func {
	return func(done, total int) {
		filled := barWidth
		if total > 0 {
			filled = barWidth * done / total
		}
		fmt.Fprintf(w, "\r%s [%s%s] %d/%d%s", label, strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), done, total, r.of(done))
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}

func lines(w io.Writer, label string, r rate) Func {
	lastTenth := -1
	return func(done, total int) {
		tenth := 10
		if total > 0 {
			tenth = 10 * done / total
		}
		if tenth != lastTenth || done >= total {
			lastTenth = tenth
			fmt.Fprintf(w, "%s: %d/%d%s\n", label, done, total, r.of(done))
		}
	}
}

// rate measures from its making, which is when the work starts.
type rate struct {
	unit  string
	start time.Time
	now   func() time.Time
}

func newRate(unit string) rate { return rate{unit: unit, start: time.Now(), now: time.Now} }

// of is ", N unit/s" for done steps so far, "" without a unit.
func (r rate) of(done int) string {
	elapsed := r.now().Sub(r.start).Seconds()
	if r.unit == "" || elapsed <= 0 {
		return ""
	}
	return fmt.Sprintf(", %.0f %s/s", float64(done)/elapsed, r.unit)
}
