package export

import (
	"archive/zip"
	"io"
	"os"
	"time"

	"github.com/xuri/excelize/v2"

	"anubhav/spreadsheet"
)

// xlsxSheet builds a workbook with excelize's stream writer, which keeps the sheet in a
// temporary file (in dir: the data folder, private like the contacts it may hold) rather
// than in memory. A workbook is a zip that can only be sent once finished: save writes it to
// a file, which the handler then streams.
type xlsxSheet struct {
	f           *excelize.File
	sw          *excelize.StreamWriter
	next        int // the row the next add writes
	day, moment int // the date styles
	headerStyle int
	cells       []any
}

// sheetName is the workbook's one sheet.
const sheetName = "anubhav"

func newXLSX(dir string, header []string) (*xlsxSheet, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: dir})
	s := &xlsxSheet{f: f, next: 1}
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return s, err
	}
	var err error
	if s.day, err = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dayFormat)}); err != nil {
		return s, err
	}
	if s.moment, err = f.NewStyle(&excelize.Style{CustomNumFmt: ptr(momentFormat)}); err != nil {
		return s, err
	}
	if s.headerStyle, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	if s.sw, err = f.NewStreamWriter(sheetName); err != nil {
		return s, err
	}
	// the header stays in view; columns are wide enough to read a date and a name
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return s, err
	}
	if err := s.sw.SetColWidth(1, len(header), 16); err != nil {
		return s, err
	}
	labels := make([]any, len(header))
	for i, h := range header {
		labels[i] = excelize.Cell{StyleID: s.headerStyle, Value: spreadsheet.Neutral(h)}
	}
	return s, s.put(labels)
}

func ptr(s string) *string { return &s }

func (s *xlsxSheet) add(cells []any) error {
	s.cells = s.cells[:0]
	for _, c := range cells {
		switch v := c.(type) {
		case string:
			s.cells = append(s.cells, spreadsheet.Neutral(v))
		case day:
			s.cells = append(s.cells, excelize.Cell{StyleID: s.day, Value: time.Time(v)})
		case moment:
			s.cells = append(s.cells, excelize.Cell{StyleID: s.moment, Value: time.Time(v)})
		default:
			s.cells = append(s.cells, v)
		}
	}
	return s.put(s.cells)
}

func (s *xlsxSheet) put(cells []any) error {
	cell, err := excelize.CoordinatesToCellName(1, s.next)
	if err != nil {
		return err
	}
	s.next++
	return s.sw.SetRow(cell, cells)
}

// save finishes the workbook into a new file in dir and returns it, open at its start.
func (s *xlsxSheet) save(dir string) (*os.File, error) {
	if err := s.sw.Flush(); err != nil {
		return nil, err
	}
	out, err := os.CreateTemp(dir, "export-*.xlsx")
	if err != nil {
		return nil, err
	}
	// excelize's writers build the whole zip in a buffer (75 MB for a million rows, twice
	// that while it grows); its zip writer, given the file, writes the zip there instead and
	// leaves the buffer empty
	zw := zip.NewWriter(out)
	s.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	if _, err := s.f.WriteTo(io.Discard); err != nil {
		return out, err
	}
	_, err = out.Seek(0, io.SeekStart)
	return out, err
}

// close removes the workbook's temporary files.
func (s *xlsxSheet) close() error { return s.f.Close() }
