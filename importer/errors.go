package importer

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a file: the line it is on and the column (field) it
// concerns ("" when it concerns the whole line).
type Problem struct {
	Line    int
	Field   string
	Message string
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, field %s: %s", p.Line, p.Field, p.Message)
}

// MaxShown is how many problems a report lists; the rest are counted. A file with a
// systematic mistake (a wrong column on 200,000 lines) would otherwise bury the first lines
// and hold every message in memory.
const MaxShown = 50

// Problems is what is wrong with a file: the first MaxShown problems by line, and how many
// there are in all. A file with any problem imports nothing.
type Problems struct {
	List  []Problem
	Total int
}

func (ps *Problems) Error() string {
	var b strings.Builder
	noun := "problems"
	if ps.Total == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "%d %s in the file; nothing was imported:", ps.Total, noun)
	for _, p := range ps.sorted() {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if more := ps.Total - len(ps.List); more > 0 {
		fmt.Fprintf(&b, "\n  … and %d more (fix these and import again to see them)", more)
	}
	return b.String()
}

func (ps *Problems) add(line int, field, format string, args ...any) {
	ps.Total++
	ps.List = append(ps.List, Problem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	// Problems come mostly in line order, but a parent defined nowhere is only known at the
	// end of the file: keep the first lines, not the first found.
	if len(ps.List) >= 2*MaxShown {
		ps.sorted()
	}
}

// sorted orders the list by line and keeps the first MaxShown.
func (ps *Problems) sorted() []Problem {
	sort.SliceStable(ps.List, func(i, j int) bool { return ps.List[i].Line < ps.List[j].Line })
	if len(ps.List) > MaxShown {
		ps.List = ps.List[:MaxShown]
	}
	return ps.List
}

// failed returns the problems as an error, or nil when there are none.
func (ps *Problems) failed() error {
	if ps.Total == 0 {
		return nil
	}
	ps.sorted()
	return ps
}
