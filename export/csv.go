package export

import (
	"encoding/csv"
	"io"
)

// csvSheet writes rows to the response as they come.
type csvSheet struct {
	w   *csv.Writer
	row []string
}

// bom lets Excel read the file as UTF-8 (Devanagari), as it does not without it.
const bom = "\ufeff"

func newCSV(w io.Writer, header []string) (*csvSheet, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	s := &csvSheet{w: csv.NewWriter(w)}
	labels := make([]any, len(header))
	for i, h := range header {
		labels[i] = h
	}
	return s, s.add(labels)
}

func (s *csvSheet) add(cells []any) error {
	s.row = s.row[:0]
	for _, c := range cells {
		s.row = append(s.row, text(c))
	}
	return s.w.Write(s.row)
}

// flush sends what the batch wrote.
func (s *csvSheet) flush() error {
	s.w.Flush()
	return s.w.Error()
}
