package importer

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
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

// Problems is every problem found in a file. A file with any problem imports nothing.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	noun := "problems"
	if len(ps) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "%d %s in the file; nothing was imported:", len(ps), noun)
	for _, p := range ps {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

func (ps *Problems) add(line int, field, format string, args ...any) {
	*ps = append(*ps, Problem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}

// saveProblems turns an error of app.Save on the row of a line into problems naming the
// fields PocketBase's validation named.
func saveProblems(line int, err error) Problems {
	var fields validation.Errors
	if !errors.As(err, &fields) {
		return Problems{{Line: line, Message: err.Error()}}
	}
	var ps Problems
	for field, fe := range fields {
		ps = append(ps, Problem{Line: line, Field: field, Message: fe.Error()})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Field < ps[j].Field })
	return ps
}
