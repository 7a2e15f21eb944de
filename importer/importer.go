// Package importer upserts areas and stations from CSV files by their code. A file is read
// twice, one row at a time: the first pass checks every row, keeping only the codes and the
// areas' tree, and reports every problem with its line and field; a file with any problem
// imports nothing. The second pass writes the rows in one transaction.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/progress"
)

// Summary tells what an import did.
type Summary struct {
	Created, Updated, Unchanged int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged", s.Created, s.Updated, s.Unchanged)
}

// errFileChanged stops an import whose file was changed between the check and the writes.
var errFileChanged = errors.New("the file changed while it was being imported; nothing was imported: import it again")

// plan is what differs between an areas file and a stations file.
type plan interface {
	// check checks a row in the first pass.
	check(r row, c *checker) error
	// checkWhole checks, after the first pass, what needs the whole file.
	checkWhole(c *checker) error
	// values are a checked row's values in the second pass: code and the columns the file
	// sets (an optional one left out where its cell is empty).
	values(r row) dbx.Params
	// derive completes the values of a row to be written (stored is nil for a new one) with
	// what the hooks of a record's save would set.
	derive(values dbx.Params, stored dbx.NullStringMap)
	// written follows the writing of a row, in the transaction.
	written(tx core.App, values dbx.Params, stored dbx.NullStringMap) error
	// finish follows the last row, in the transaction.
	finish(tx core.App) error
	// committed follows the commit: the caches the rows change.
	committed(app core.App)
}

// table is the database table of a plan: its columns, as the writer takes them, and those
// of its files.
type table struct {
	name string
	// compared are the columns a file sets: a row that changes none is left alone. written
	// are those every write sets, insertOnly those that only a new row gets.
	compared, written, insertOnly    []string
	requiredColumns, optionalColumns []string
}

// run checks a file, then writes it.
func run(app core.App, r io.ReadSeeker, t table, p plan, progress progress.Func) (Summary, error) {
	c := &checker{}
	f := openCSV(r, t.requiredColumns, t.optionalColumns, &c.problems)
	rows := 0
	for f != nil {
		row, ok := f.next(&c.problems)
		if !ok {
			break
		}
		rows++
		if err := p.check(row, c); err != nil {
			return Summary{}, err
		}
	}
	if f != nil {
		if err := p.checkWhole(c); err != nil {
			return Summary{}, err
		}
	}
	if err := c.problems.failed(); err != nil {
		return Summary{}, err
	}
	checked := f.sum()
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return Summary{}, err
	}

	var sum Summary
	err := app.RunInTransaction(func(tx core.App) error {
		sum = Summary{}
		w := newWriter(tx, t)
		defer w.close()
		var again Problems // none: the file is the one checked, as its hash shows below
		f := openCSV(r, t.requiredColumns, t.optionalColumns, &again)
		if f == nil {
			return errFileChanged
		}
		batch := make([]dbx.Params, 0, batchSize)
		for done := 0; ; {
			row, ok := f.next(&again)
			if ok {
				batch = append(batch, p.values(row))
			}
			if len(batch) == batchSize || !ok && len(batch) > 0 {
				if err := writeBatch(tx, w, p, batch, &sum); err != nil {
					return err
				}
				done += len(batch)
				batch = batch[:0]
				if progress != nil {
					progress(done, rows)
				}
			}
			if !ok {
				break
			}
		}
		if !bytes.Equal(f.sum(), checked) {
			return errFileChanged
		}
		return p.finish(tx)
	})
	if err != nil {
		return Summary{}, err
	}
	p.committed(app)
	return sum, nil
}

// writeBatch writes the rows of a batch that are new or changed, and counts them.
func writeBatch(tx core.App, w *writer, p plan, batch []dbx.Params, sum *Summary) error {
	stored, err := w.stored(batch)
	if err != nil {
		return err
	}
	changed := batch[:0:0]
	for _, values := range batch {
		s := stored[values["code"].(string)]
		switch {
		case s == nil:
			sum.Created++
		case w.same(s, values):
			sum.Unchanged++
			continue
		default:
			sum.Updated++
		}
		p.derive(values, s)
		changed = append(changed, values)
	}
	if err := w.write(changed); err != nil {
		return err
	}
	for _, values := range changed {
		if err := p.written(tx, values, stored[values["code"].(string)]); err != nil {
			return fmt.Errorf("%s %s: %w", w.table.name, values["code"], err)
		}
	}
	return nil
}
