package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"unicode/utf8"
)

// csvFile reads a CSV file one row at a time, so that a file of any length costs the memory
// of one row. It hashes what it reads: the second pass must read the file the first checked.
type csvFile struct {
	reader  *csv.Reader
	columns map[string]int
	header  []string // the known column names, by index
	hash    hash.Hash
}

// row is one record of the file with its line number. Its cells are reused by the next row.
type row struct {
	file  *csvFile
	line  int
	cells []string
	// refused marks the columns (bit i for column i) whose cell the reader refused already,
	// so that the checks do not report them twice.
	refused uint64
}

// get is the trimmed cell of a column, "" when the file has no such column.
func (r row) get(column string) string {
	i, ok := r.file.columns[column]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// checkable tells whether a column's cell is left for the checks: the file has the column
// and the reader did not refuse the cell.
func (r row) checkable(column string) bool {
	i, ok := r.file.columns[column]
	return ok && r.refused&(1<<i) == 0
}

func (f *csvFile) has(column string) bool {
	_, ok := f.columns[column]
	return ok
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16BOMs  = [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}}
	saveAsUTF8 = `save the file as "CSV UTF-8"`
)

// openCSV reads the header of a CSV file, which must name the required columns (and perhaps
// some of the optional ones), in any order. A UTF-8 byte order mark, as spreadsheet programs
// write it, is skipped. It returns nil, with the problems added to ps, for a file it cannot
// read past the header.
func openCSV(r io.Reader, required, optional []string, ps *Problems) *csvFile {
	f := &csvFile{columns: map[string]int{}, hash: sha256.New()}
	in := bufio.NewReaderSize(io.TeeReader(r, f.hash), 64<<10)
	start, _ := in.Peek(len(utf8BOM))
	for _, bom := range utf16BOMs {
		if bytes.HasPrefix(start, bom) {
			ps.add(1, "", "the file is UTF-16 text; %s", saveAsUTF8)
			return nil
		}
	}
	if bytes.HasPrefix(start, utf8BOM) {
		_, _ = in.Discard(len(utf8BOM))
	}

	all := append(append([]string{}, required...), optional...)
	expected := strings.Join(all, ",")
	f.reader = csv.NewReader(in)
	f.reader.FieldsPerRecord = -1 // counted in next, so that every short row is reported
	f.reader.ReuseRecord = true
	header, err := f.reader.Read()
	if err == io.EOF {
		ps.add(1, "", "the file is empty; the first line must be the header %s", expected)
		return nil
	}
	if err != nil {
		ps.add(1, "", "cannot read the header: %v", err)
		return nil
	}

	before := ps.Total
	known := map[string]bool{}
	for _, c := range all {
		known[c] = true
	}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case !utf8.ValidString(name):
			ps.add(1, fmt.Sprintf("column %d", i+1), "the header is not UTF-8 text; %s", saveAsUTF8)
		case !known[name]:
			ps.add(1, name, "unknown column; the header must be %s", expected)
		case f.has(name):
			ps.add(1, name, "the column appears twice")
		default:
			f.columns[name] = i
		}
		f.header = append(f.header, name)
	}
	for _, c := range required {
		if !f.has(c) {
			ps.add(1, c, "missing column; the header must be %s", expected)
		}
	}
	if ps.Total > before {
		return nil
	}
	return f
}

// next reads the next row, adding to ps the problems of the line as a whole and of cells
// that no field may hold (not UTF-8, control characters, formulas). It returns false at the
// end of the file, or where the file cannot be read further.
func (f *csvFile) next(ps *Problems) (row, bool) {
	for {
		cells, err := f.reader.Read()
		if err == io.EOF {
			return row{}, false
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			// The reader cannot say where the next row starts after a quoting error.
			ps.add(parseErr.StartLine, "", "cannot read the line (%v); check its quotes", parseErr.Err)
			return row{}, false
		}
		if err != nil {
			ps.add(0, "", "%v", err)
			return row{}, false
		}
		line, _ := f.reader.FieldPos(0)
		if len(cells) != len(f.header) {
			ps.add(line, "", "%d fields, but the header has %d columns", len(cells), len(f.header))
			continue
		}
		r := row{file: f, line: line, cells: cells}
		for i, cell := range cells {
			if problem := unsafeCell(cell); problem != "" {
				fieldLine, _ := f.reader.FieldPos(i)
				ps.add(fieldLine, f.header[i], "%s", problem)
				r.refused |= 1 << i
			}
		}
		return r, true
	}
}

// sum is the hash of what has been read so far.
func (f *csvFile) sum() []byte { return f.hash.Sum(nil) }
