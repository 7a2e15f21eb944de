package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table is a CSV file read whole: its columns by name and its rows with their line numbers.
type table struct {
	columns map[string]int
	rows    []row
}

type row struct {
	line  int
	cells []string
}

// get is the trimmed cell of a column, "" when the file has no such column.
func (t *table) get(r row, column string) string {
	i, ok := t.columns[column]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

func (t *table) has(column string) bool {
	_, ok := t.columns[column]
	return ok
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16BOMs  = [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}}
	saveAsUTF8 = `save the file as "CSV UTF-8"`
)

// readTable reads a CSV file whose header names the required columns (and perhaps some of
// the optional ones), in any order. A UTF-8 byte order mark, as spreadsheet programs write
// it, is skipped. It reports every line it cannot read, not just the first.
func readTable(r io.Reader, required, optional []string) (*table, Problems) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, Problems{{Line: 1, Message: err.Error()}}
	}
	for _, bom := range utf16BOMs {
		if bytes.HasPrefix(data, bom) {
			return nil, Problems{{Line: 1, Message: "the file is UTF-16 text; " + saveAsUTF8}}
		}
	}
	data = bytes.TrimPrefix(data, utf8BOM)

	expected := strings.Join(append(append([]string{}, required...), optional...), ",")
	reader := csv.NewReader(bytes.NewReader(data))
	reader.FieldsPerRecord = -1 // counted below, so that every short row is reported
	header, err := reader.Read()
	if err == io.EOF {
		return nil, Problems{{Line: 1, Message: "the file is empty; the first line must be the header " + expected}}
	}
	if err != nil {
		return nil, Problems{{Line: 1, Message: "cannot read the header: " + err.Error()}}
	}

	t := &table{columns: map[string]int{}}
	var ps Problems
	known := map[string]bool{}
	for _, c := range append(append([]string{}, required...), optional...) {
		known[c] = true
	}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case !utf8.ValidString(name):
			ps.add(1, fmt.Sprintf("column %d", i+1), "the header is not UTF-8 text; %s", saveAsUTF8)
		case !known[name]:
			ps.add(1, name, "unknown column; the header must be %s", expected)
		case t.has(name):
			ps.add(1, name, "the column appears twice")
		default:
			t.columns[name] = i
		}
	}
	for _, c := range required {
		if !t.has(c) {
			ps.add(1, c, "missing column; the header must be %s", expected)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}

	for {
		cells, err := reader.Read()
		if err == io.EOF {
			break
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			// The reader cannot say where the next row starts after a quoting error.
			ps.add(parseErr.StartLine, "", "cannot read the line (%v); check its quotes", parseErr.Err)
			break
		}
		if err != nil {
			ps.add(0, "", "%v", err)
			break
		}
		line, _ := reader.FieldPos(0)
		if len(cells) != len(header) {
			ps.add(line, "", "%d fields, but the header has %d columns", len(cells), len(header))
			continue
		}
		for i, cell := range cells {
			if !utf8.ValidString(cell) {
				fieldLine, _ := reader.FieldPos(i)
				ps.add(fieldLine, strings.ToLower(strings.TrimSpace(header[i])), "not UTF-8 text; %s", saveAsUTF8)
			}
		}
		t.rows = append(t.rows, row{line: line, cells: cells})
	}
	return t, ps
}
