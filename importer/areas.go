package importer

import (
	"io"
	"slices"
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/progress"
	"anubhav/schema"
)

// AreaColumns are the columns of an areas file. parent is empty for a range.
var AreaColumns = []string{"code", "name", "name_hi", "kind", "parent"}

// Areas upserts the areas of a CSV file (code,name,name_hi,kind,parent) by code. A parent may
// be an area already in the database or one defined anywhere in the same file.
func Areas(app core.App, r io.Reader, progress progress.Func) (Summary, error) {
	return run(app, r, schema.Areas, AreaColumns, nil, planAreas, progress)
}

func planAreas(app core.App, t *table, c *checker) ([]plannedRow, error) {
	existing, err := existingAreas(app)
	if err != nil {
		return nil, err
	}
	// The kind of each area as it will be after the import: the file's word wins.
	kinds := map[string]string{}
	for code, r := range existing {
		kinds[code] = r.GetString("kind")
	}
	for _, r := range t.rows {
		kinds[t.get(r, "code")] = t.get(r, "kind")
	}

	var rows []plannedRow
	for _, r := range t.rows {
		code, kind, parent := t.get(r, "code"), t.get(r, "kind"), t.get(r, "parent")
		c.code(r.line, code)
		c.names(r.line, t.get(r, "name"), t.get(r, "name_hi"))
		c.choice(r.line, "kind", kind, schema.AreaKinds)
		checkParent(c, r.line, code, kind, parent, kinds)
		if old := existing[code]; old != nil && old.GetString("kind") != kind && slices.Contains(schema.AreaKinds, kind) {
			if err := checkKindChange(app, c, r.line, old, kind); err != nil {
				return nil, err
			}
		}
		rows = append(rows, plannedRow{
			line:   r.line,
			code:   code,
			fields: map[string]any{"name": t.get(r, "name"), "name_hi": t.get(r, "name_hi"), "kind": kind, "parent": ""},
			parent: parent,
		})
	}
	// Parents first, so that a row may name a parent defined further down the file.
	sort.SliceStable(rows, func(i, j int) bool {
		return level(rows[i].fields["kind"]) < level(rows[j].fields["kind"])
	})
	return rows, nil
}

func checkParent(c *checker, line int, code, kind, parent string, kinds map[string]string) {
	want := areas.ParentKind(kind)
	if !slices.Contains(schema.AreaKinds, kind) {
		return // the kind is reported already
	}
	switch {
	case want == "" && parent != "":
		c.problems.add(line, "parent", "a range has no parent; leave it empty")
	case want == "":
	case parent == "":
		c.problems.add(line, "parent", "missing: a %s needs its %s", kind, want)
	case parent == code:
		c.problems.add(line, "parent", "an area cannot be its own parent")
	case kinds[parent] == "":
		c.problems.add(line, "parent", "unknown area %q: it is neither in this file nor in the database", parent)
	case kinds[parent] != want:
		c.problems.add(line, "parent", "the parent of a %s must be a %s, but %q is a %s", kind, want, parent, kinds[parent])
	}
}

// checkKindChange refuses to change the kind of an area that has areas or stations under it:
// they would no longer fit the hierarchy.
func checkKindChange(app core.App, c *checker, line int, area *core.Record, kind string) error {
	children, err := app.CountRecords(schema.Areas, dbx.HashExp{"parent": area.Id})
	if err != nil {
		return err
	}
	stations, err := app.CountRecords(schema.Stations, dbx.HashExp{"area": area.Id})
	if err != nil {
		return err
	}
	if children+stations > 0 {
		c.problems.add(line, "kind", "%q is a %s with %d areas and %d stations under it; it cannot become a %s",
			area.GetString("code"), area.GetString("kind"), children, stations, kind)
	}
	return nil
}

func level(kind any) int {
	return slices.Index(schema.AreaKinds, kind.(string))
}
