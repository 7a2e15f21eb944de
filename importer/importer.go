// Package importer upserts areas and stations from CSV files by their code. A file is checked
// whole before anything is written, every problem is reported with its line and field, and a
// file with any problem imports nothing; a good file is written in one transaction.
package importer

import (
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/progress"
	"anubhav/schema"
)

// Summary tells what an import did.
type Summary struct {
	Created, Updated, Unchanged int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged", s.Created, s.Updated, s.Unchanged)
}

// plannedRow is a checked row, ready to be written.
type plannedRow struct {
	line   int
	code   string
	fields map[string]any
	// onCreate holds the values a new record gets where the file is silent.
	onCreate map[string]any
	// parent is the code of an area's parent, resolved to its id when written (it may be a
	// row of the same file).
	parent string
}

// write upserts the rows by code in one transaction, in the order given.
func write(app core.App, collection string, rows []plannedRow, progress progress.Func) (Summary, error) {
	var sum Summary
	err := app.RunInTransaction(func(tx core.App) error {
		sum = Summary{}
		areaIDs, err := codeIndex(tx, schema.Areas)
		if err != nil {
			return err
		}
		for i, pr := range rows {
			rec, err := tx.FindFirstRecordByData(collection, "code", pr.code)
			isNew := errors.Is(err, sql.ErrNoRows)
			if err != nil && !isNew {
				return err
			}
			if isNew {
				col, err := tx.FindCachedCollectionByNameOrId(collection)
				if err != nil {
					return err
				}
				rec = core.NewRecord(col)
				rec.Load(pr.onCreate)
				rec.Set("code", pr.code)
			}
			values := pr.fields
			if pr.parent != "" {
				values["parent"] = areaIDs[pr.parent]
			}
			changed := isNew
			for k, v := range values {
				if fmt.Sprint(rec.Get(k)) != fmt.Sprint(v) {
					changed = true
					rec.Set(k, v)
				}
			}
			switch {
			case !changed:
				sum.Unchanged++
			case isNew:
				sum.Created++
			default:
				sum.Updated++
			}
			if changed {
				if err := tx.Save(rec); err != nil {
					return saveProblems(pr.line, err)
				}
			}
			if collection == schema.Areas {
				areaIDs[pr.code] = rec.Id
			}
			if progress != nil {
				progress(i+1, len(rows))
			}
		}
		return nil
	})
	return sum, err
}

// codeIndex maps the code of every record of a collection to its id.
func codeIndex(app core.App, collection string) (map[string]string, error) {
	records, err := app.FindAllRecords(collection)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]string, len(records))
	for _, r := range records {
		ids[r.GetString("code")] = r.Id
	}
	return ids, nil
}

// existingAreas maps the code of every area in the database to its record.
func existingAreas(app core.App) (map[string]*core.Record, error) {
	records, err := app.FindAllRecords(schema.Areas)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]*core.Record, len(records))
	for _, r := range records {
		byCode[r.GetString("code")] = r
	}
	return byCode, nil
}

// run reads, checks and writes one file.
func run(app core.App, r io.Reader, collection string, required, optional []string,
	plan func(app core.App, t *table, c *checker) ([]plannedRow, error), progress progress.Func) (Summary, error) {
	t, problems := readTable(r, required, optional)
	if t == nil {
		return Summary{}, problems.sorted()
	}
	c := newChecker()
	c.problems = problems
	rows, err := plan(app, t, c)
	if err != nil {
		return Summary{}, err
	}
	if len(c.problems) > 0 {
		return Summary{}, c.problems.sorted()
	}
	return write(app, collection, rows, progress)
}
