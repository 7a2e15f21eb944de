package console

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/schema"
)

// ExportBatch is how many items an export reads, names and hands on at a time: few enough to
// keep its memory small, many enough that naming them and noting their contacts costs a few
// queries per thousand rows.
const ExportBatch = 500

// Exported is one item as an export writes it: the inbox's row (for a station, without the
// time) and what the item's page shows besides.
type Exported struct {
	Row
	Comment   string
	Answers   map[string]any
	VisitDate string
	// At is the item's arrival in the district's time zone; for an officer who may not know
	// the time of day, its date at midnight.
	At time.Time
	// Contact is the citizen's name and mobile, only when the export asked for contacts, the
	// role sees them and the citizen consented.
	Contact *Contact
}

// ExportOptions say what an export takes besides the filter.
type ExportOptions struct {
	// Contacts: the officer chose to take the contacts out; each item whose contact leaves
	// gets a follow-up saying so. Only a role that sees contacts may ask (scope.SeesContacts).
	Contacts bool
	// Format names the file on the item's thread ("csv", "xlsx").
	Format string
}

// Export hands fn every item of the officer's inbox under a filter (not a page: all of
// them, in the inbox's order, without the scan window), a batch at a time. Before fn takes a
// batch, each of its items whose contact is in it gets a follow-up saying who exported it.
func Export(app core.App, officer *core.Record, f Filter, opt ExportOptions, fn func([]Exported) error) error {
	l, err := newExport(app, officer, f)
	if err != nil {
		return err
	}
	if opt.Contacts && !l.sc.SeesContacts() {
		return ErrForbidden
	}
	batch := make([]Exported, 0, ExportBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := l.complete(batch, opt.Contacts); err != nil {
			return err
		}
		// Recorded before the rows leave: a thread may say a contact went out when the
		// download then broke, never the other way round.
		if opt.Contacts {
			if err := noteContactsExported(app, officer, batch, opt.Format); err != nil {
				return err
			}
		}
		if err := fn(batch); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	err = l.each(func(s *scanned) error {
		batch = append(batch, l.exported(s))
		if len(batch) < ExportBatch {
			return nil
		}
		return flush()
	})
	if err != nil {
		return err
	}
	return flush()
}

// ExportCount is how many items Export would hand on now: the export's total, sent ahead of
// the rows so that the console can show how far a download has come.
func ExportCount(app core.App, officer *core.Record, f Filter) (int, error) {
	l, err := newExport(app, officer, f)
	if err != nil {
		return 0, err
	}
	n := 0
	return n, l.each(func(*scanned) error { n++; return nil })
}

func newExport(app core.App, officer *core.Record, f Filter) (*listing, error) {
	f.After, f.Limit = "", 0
	return newListing(app, officer, f)
}

// each calls fn with every item of the filter, in the list's order, through one cursor per
// status stream.
func (l *listing) each(fn func(*scanned) error) error {
	m, err := l.merge(dbx.And(l.where(), l.indexed()), l.streams(nil), -1, "COALESCE(f.answers, '') AS answers", "COALESCE(f.visit_date, '') AS visit_date")
	defer m.close()
	if err != nil {
		return err
	}
	src := l.ordered(m)
	for {
		s, ok, err := src.next()
		if err != nil || !ok {
			return err
		}
		if !l.matches(s) {
			continue
		}
		if err := fn(s); err != nil {
			return err
		}
	}
}

func (l *listing) exported(s *scanned) Exported {
	e := Exported{Row: l.row(s), Comment: s.Comment, Answers: map[string]any{}}
	_ = json.Unmarshal([]byte(s.Answers), &e.Answers)
	if v, err := types.ParseDateTime(s.VisitDate); err == nil && !v.IsZero() {
		e.VisitDate = v.Time().Format(time.DateOnly)
	}
	if created, err := types.ParseDateTime(s.Created); err == nil {
		e.At = created.Time().In(l.location())
		if !l.sc.SeesTimeOfDay() {
			e.At = time.Date(e.At.Year(), e.At.Month(), e.At.Day(), 0, 0, 0, 0, l.location())
		}
	}
	return e
}

// complete names a batch's stations and assignees, and gives it its consented contacts when
// they were asked for.
func (l *listing) complete(batch []Exported, contacts bool) error {
	rows := make([]Row, len(batch))
	ids := make([]any, len(batch))
	for i := range batch {
		rows[i], ids[i] = batch[i].Row, batch[i].ID
	}
	if err := l.decorate(rows); err != nil {
		return err
	}
	for i := range batch {
		batch[i].Row = rows[i]
	}
	if !contacts || !l.sc.SeesContacts() {
		return nil
	}
	var found []struct {
		Feedback string `db:"feedback"`
		Name     string `db:"name"`
		Mobile   string `db:"mobile"`
	}
	if err := l.app.DB().Select("feedback", "name", "mobile").From(schema.Contacts).
		Where(dbx.And(dbx.In("feedback", ids...), dbx.HashExp{"consent": true})).All(&found); err != nil {
		return err
	}
	byItem := make(map[string]*Contact, len(found))
	for _, c := range found {
		byItem[c.Feedback] = &Contact{Name: c.Name, Mobile: c.Mobile}
	}
	for i := range batch {
		batch[i].Contact = byItem[batch[i].ID]
	}
	return nil
}

// noteContactsExported records on each item's thread that its contact left in a file, and
// who took it: one follow-up per item, a batch in one transaction.
func noteContactsExported(app core.App, officer *core.Record, batch []Exported, format string) error {
	collection, err := app.FindCachedCollectionByNameOrId(schema.Followups)
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, e := range batch {
			if e.Contact == nil {
				continue
			}
			note := core.NewRecord(collection)
			note.Load(map[string]any{"feedback": e.ID, "author": officer.Id, "kind": schema.FollowupNote,
				"action": schema.ActionExport, "body": format})
			if err := tx.Save(note); err != nil {
				return err
			}
		}
		return nil
	})
}
