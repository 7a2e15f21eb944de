package console

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"

	"anubhav/schema"
)

// scanned is one item as the scan reads it.
type scanned struct {
	ID          string `db:"id"`
	Station     string `db:"station"`
	Kind        string `db:"kind"`
	Rating      int    `db:"rating"`
	Status      string `db:"status"`
	Flags       string `db:"flags"`
	Comment     string `db:"comment"`
	Channel     string `db:"channel"`
	Created     string `db:"created"`
	AssignedTo  string `db:"assigned_to"`
	Subdivision string `db:"subdivision"`
	District    string `db:"district"`
	// Answers and VisitDate are read by exports only (see Export).
	Answers   string `db:"answers"`
	VisitDate string `db:"visit_date"`
	flags     []string
}

// scan reads the items of cond, merging its status streams newest first, at most ScanWindow
// of them, and keeps up to limit that match; it returns them, the cursor after the last one
// read (when more may follow), and the date it reached when the window ran out first.
func (l *listing) scan(cond dbx.Expression, streams []dbx.Expression, limit int, match func(*scanned) bool) (rows []Row, next, searchedTo string, err error) {
	m, err := l.merge(cond, streams, ScanWindow)
	defer m.close()
	if err != nil {
		return nil, "", "", err
	}
	src := l.ordered(m)
	rows = []Row{}
	read := 0
	var last scanned
	for read < ScanWindow {
		s, ok, err := src.next()
		if err != nil {
			return nil, "", "", err
		}
		if !ok {
			return rows, "", "", nil
		}
		read++
		last = *s
		if !match(s) {
			continue
		}
		if len(rows) == limit {
			return rows, rows[limit-1].ID, "", nil
		}
		rows = append(rows, l.row(s))
	}
	return rows, last.ID, l.date(last.Created), nil
}

// ordered is the items of m in the order the officer's list shows them.
func (l *listing) ordered(m *merger) stream {
	if !l.sc.SeesTimeOfDay() {
		return &byDay{src: m, date: l.date}
	}
	return m
}

// merger reads several newest-first streams of items as one.
type merger struct {
	cursors []*dbx.Rows
	heads   []*scanned
}

// merge opens the streams, each read up to limit items (-1: all), with the columns the
// inbox reads and the extra ones given.
func (l *listing) merge(cond dbx.Expression, streams []dbx.Expression, limit int64, extra ...string) (*merger, error) {
	m := &merger{}
	cols := append([]string{"f.id", "f.station", "f.kind", "f.rating", "f.status", "f.flags", "f.comment",
		"f.channel", "f.created", "f.assigned_to", "f.subdivision", "f.district"}, extra...)
	for _, stream := range streams {
		cur, err := l.app.DB().Select(cols...).
			From(schema.Feedback+" f").Where(dbx.And(cond, stream)).OrderBy("f.created DESC", "f.id DESC").
			Limit(limit).Rows()
		if err != nil {
			return m, err
		}
		m.cursors = append(m.cursors, cur)
		m.heads = append(m.heads, nil)
		if err := m.advance(len(m.cursors) - 1); err != nil {
			return m, err
		}
	}
	return m, nil
}

// advance reads the next item of stream i into its head (nil at its end).
func (m *merger) advance(i int) error {
	m.heads[i] = nil
	if !m.cursors[i].Next() {
		return m.cursors[i].Err()
	}
	s := &scanned{}
	if err := m.cursors[i].ScanStruct(s); err != nil {
		return err
	}
	_ = json.Unmarshal([]byte(s.Flags), &s.flags)
	m.heads[i] = s
	return nil
}

// next is the newest of the streams' heads.
func (m *merger) next() (*scanned, bool, error) {
	best := -1
	for i, h := range m.heads {
		if h != nil && (best < 0 || h.Created > m.heads[best].Created ||
			(h.Created == m.heads[best].Created && h.ID > m.heads[best].ID)) {
			best = i
		}
	}
	if best < 0 {
		return nil, false, nil
	}
	s := m.heads[best]
	return s, true, m.advance(best)
}

func (m *merger) close() {
	for _, c := range m.cursors {
		c.Close()
	}
}

// stream is a source of items in the order a list shows them.
type stream interface {
	next() (*scanned, bool, error)
}

// byDay orders newest-first items by their local date and, within a day, by id (random):
// for an officer who may know an item's date but not its time of day, whose list's order
// must not tell it either.
type byDay struct {
	src  stream
	date func(stored string) string
	day  []*scanned // the rest of the day being read out
	peek *scanned   // the first item of the next day
}

func (b *byDay) next() (*scanned, bool, error) {
	if len(b.day) == 0 {
		first := b.peek
		b.peek = nil
		if first == nil {
			s, ok, err := b.src.next()
			if !ok || err != nil {
				return nil, false, err
			}
			first = s
		}
		b.day = []*scanned{first}
		for {
			s, ok, err := b.src.next()
			if err != nil {
				return nil, false, err
			}
			if !ok {
				break
			}
			if b.date(s.Created) != b.date(first.Created) {
				b.peek = s
				break
			}
			b.day = append(b.day, s)
		}
		slices.SortFunc(b.day, func(x, y *scanned) int { return strings.Compare(y.ID, x.ID) })
	}
	s := b.day[0]
	b.day = b.day[1:]
	return s, true, nil
}
