package importer

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/rollups"
)

// batchSize is how many rows one statement reads or writes. A statement per row cost a
// third more; far longer statements cost more again, as the SQLite driver matches each
// parameter to its argument by a search over all of them. (50,000 new stations, CPU time:
// 1.6 s a row at a time, 1.4 s by 50, 2.1 s by 200.)
const batchSize = 50

// writer upserts the rows of one table by code, a batch at a time, with multi-row
// statements: a record save per row (its validation, events and hooks) cost 2 minutes and
// 3.4 GB for 200,000 stations. The import does the hooks' work itself (see Stations and
// Areas).
type writer struct {
	tx    core.App
	table table
	// columns are what the upsert writes: id, code, the written and the insert-only columns.
	columns []string
	// The statements of a full batch, prepared once; a shorter last batch gets its own.
	find, upsert *dbx.Query
	// The names of their parameters: c{row} for a code, v{row}_{column} for a value.
	codeNames  []string
	valueNames [][]string
}

func newWriter(tx core.App, t table) *writer {
	w := &writer{tx: tx, table: t, columns: append(append([]string{"id", "code"}, t.written...), t.insertOnly...)}
	for i := range batchSize {
		w.codeNames = append(w.codeNames, fmt.Sprintf("c%d", i))
		names := make([]string, len(w.columns))
		for j := range names {
			names[j] = fmt.Sprintf("v%d_%d", i, j)
		}
		w.valueNames = append(w.valueNames, names)
	}
	w.find = w.findQuery(batchSize).Prepare()
	w.upsert = w.upsertQuery(batchSize).Prepare()
	return w
}

func (w *writer) close() {
	_ = w.find.Close()
	_ = w.upsert.Close()
}

func (w *writer) findQuery(n int) *dbx.Query {
	return w.tx.DB().NewQuery("SELECT * FROM {{" + w.table.name + "}} WHERE [[code]] IN ({:" +
		strings.Join(w.codeNames[:n], "}, {:") + "})")
}

// upsertQuery inserts n rows, or updates those whose id is stored already (every column but
// the insert-only ones).
func (w *writer) upsertQuery(n int) *dbx.Query {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = "({:" + strings.Join(w.valueNames[i], "}, {:") + "})"
	}
	sets := make([]string, len(w.table.written))
	for i, c := range w.table.written {
		sets[i] = fmt.Sprintf("[[%s]] = excluded.[[%s]]", c, c)
	}
	return w.tx.DB().NewQuery("INSERT INTO {{" + w.table.name + "}} ([[" + strings.Join(w.columns, "]], [[") + "]]) VALUES " +
		strings.Join(rows, ", ") + " ON CONFLICT ([[id]]) DO UPDATE SET " + strings.Join(sets, ", "))
}

// query is the prepared statement for a full batch, a new one for a shorter batch.
func query(prepared *dbx.Query, n int, build func(int) *dbx.Query) *dbx.Query {
	if n == batchSize {
		return prepared
	}
	return build(n)
}

// stored reads the rows with the batch's codes as the table holds them, by code.
func (w *writer) stored(batch []dbx.Params) (map[string]dbx.NullStringMap, error) {
	params := dbx.Params{}
	for i, values := range batch {
		params[w.codeNames[i]] = values["code"]
	}
	var rows []dbx.NullStringMap
	if err := query(w.find, len(batch), w.findQuery).Bind(params).All(&rows); err != nil {
		return nil, err
	}
	byCode := make(map[string]dbx.NullStringMap, len(rows))
	for _, r := range rows {
		byCode[r["code"].String] = r
	}
	return byCode, nil
}

// same tells whether a stored row holds the values already, in every column the file sets.
func (w *writer) same(stored dbx.NullStringMap, values dbx.Params) bool {
	for _, c := range w.table.compared {
		if v, ok := values[c]; ok && stored[c].String != text(v) {
			return false
		}
	}
	return true
}

// text is a value as SQLite gives it back as text.
func text(v any) string {
	if b, ok := v.(bool); ok {
		if b {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// write upserts the rows of a batch, each with every column of the writer.
func (w *writer) write(batch []dbx.Params) error {
	if len(batch) == 0 {
		return nil
	}
	params := dbx.Params{}
	for i, values := range batch {
		for j, c := range w.columns {
			params[w.valueNames[i][j]] = values[c]
		}
	}
	_, err := query(w.upsert, len(batch), w.upsertQuery).Bind(params).Execute()
	return err
}

// storedLineage is a stored station's sub-division, district and range.
func storedLineage(s dbx.NullStringMap) areas.Lineage {
	return areas.Lineage{Subdivision: s["subdivision"].String, District: s["district"].String, Range: s["range"].String}
}

// moveStation does for a station whose lineage changed what the hooks on a station's save
// do (hooks/hierarchy.go, hooks/rollups.go): its items and its rollups follow it.
func moveStation(tx core.App, id string, from, to areas.Lineage) error {
	if err := areas.MoveStationItems(tx, id, to); err != nil {
		return err
	}
	return rollups.MoveStation(tx, id, from.Units(), to.Units())
}
