// Package progress shows how far long work has come: a bar redrawn in place on a terminal,
// plain lines (about every tenth of the way) when the output is a file or a pipe.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

const barWidth = 30

// Func is told the number of steps done so far and in all.
type Func func(done, total int)

// For reports to f (usually os.Stderr) as a bar if f is a terminal, as lines otherwise.
func For(f *os.File, label string) Func {
	if term.IsTerminal(int(f.Fd())) {
		return Bar(f, label)
	}
	return Lines(f, label)
}

// Bar redraws one line: label [#####.....] done/total.
func Bar(w io.Writer, label string) Func {
	return func(done, total int) {
		filled := barWidth
		if total > 0 {
			filled = barWidth * done / total
		}
		fmt.Fprintf(w, "\r%s [%s%s] %d/%d", label, strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), done, total)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}

// Lines writes "label: done/total" each time another tenth of the work is done, and at the end.
func Lines(w io.Writer, label string) Func {
	lastTenth := -1
	return func(done, total int) {
		tenth := 10
		if total > 0 {
			tenth = 10 * done / total
		}
		if tenth != lastTenth || done >= total {
			lastTenth = tenth
			fmt.Fprintf(w, "%s: %d/%d\n", label, done, total)
		}
	}
}
