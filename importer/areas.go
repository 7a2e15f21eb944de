package importer

import (
	"io"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/areas"
	"anubhav/progress"
	"anubhav/schema"
	"anubhav/stations"
)

// AreaColumns are the columns of an areas file. parent is empty for a range.
var AreaColumns = []string{"code", "name", "name_hi", "kind", "parent"}

var areasTable = table{
	name:            schema.Areas,
	compared:        AreaColumns[1:],
	written:         AreaColumns[1:],
	requiredColumns: AreaColumns,
}

// Areas upserts the areas of a CSV file (code,name,name_hi,kind,parent) by code. A parent may
// be an area already in the database or one defined anywhere in the same file.
func Areas(app core.App, r io.ReadSeeker, progress progress.Func) (Summary, error) {
	t := newTree(app)
	defer t.close()
	return run(app, r, areasTable, &areaPlan{app: app, tree: t}, progress)
}

type areaPlan struct {
	app core.App
	// tree holds the file's areas as they will be after the import (the file's word wins),
	// and their parents.
	tree *tree
	// moved are the ids of stored areas given another parent.
	moved []string
}

func (p *areaPlan) check(r row, c *checker) error {
	var stored *node
	var err error
	code := c.code(r, func(code string) int {
		if stored, err = p.tree.get(code); stored != nil {
			return stored.line
		}
		return 0
	})
	if err != nil {
		return err
	}
	c.names(r)
	kindOK := c.choice(r, "kind", schema.AreaKinds)
	if code == "" {
		return nil // a code refused or defined twice, reported already
	}
	kind := r.get("kind")
	n := stored
	switch {
	case n == nil:
		n = &node{id: core.GenerateDefaultRandomId()}
		p.tree.nodes[code] = n
	case kindOK && n.kind != kind:
		if err := checkKindChange(p.app, c, r.line, code, n, kind); err != nil {
			return err
		}
	}
	n.kind, n.parent, n.line = internKind(kind), strings.Clone(r.get("parent")), r.line
	n.checkParent = kindOK && r.checkable("parent")
	return nil
}

// internKind is a kind as the schema spells it, so that 200,000 areas share three strings.
func internKind(kind string) string {
	if i := slices.Index(schema.AreaKinds, kind); i >= 0 {
		return schema.AreaKinds[i]
	}
	return strings.Clone(kind)
}

// checkWhole checks the parents, which may be defined further down the file. (In no order:
// the report sorts the problems by line.)
func (p *areaPlan) checkWhole(c *checker) error {
	for code, n := range p.tree.nodes {
		if n == nil || n.line == 0 || !n.checkParent {
			continue
		}
		parentKind := ""
		if n.parent != "" {
			parent, err := p.tree.get(n.parent)
			if err != nil {
				return err
			}
			if parent != nil {
				parentKind = parent.kind
			}
		}
		checkParent(c, n.line, code, n.kind, n.parent, parentKind)
	}
	return nil
}

// checkParent checks an area's parent: its code and its kind ("" where it is nowhere).
func checkParent(c *checker, line int, code, kind, parent, parentKind string) {
	want := areas.ParentKind(kind)
	switch {
	case want == "" && parent != "":
		c.problems.add(line, "parent", "a range has no parent; leave it empty")
	case want == "":
	case parent == "":
		c.problems.add(line, "parent", "missing: a %s needs its %s", kind, want)
	case parent == code:
		c.problems.add(line, "parent", "an area cannot be its own parent")
	case parentKind == "":
		c.problems.add(line, "parent", "unknown area %q: it is neither in this file nor in the database", parent)
	case parentKind != want:
		c.problems.add(line, "parent", "the parent of a %s must be a %s, but %q is a %s", kind, want, parent, parentKind)
	}
}

// checkKindChange refuses to change the kind of an area that has areas or stations under it:
// they would no longer fit the hierarchy.
func checkKindChange(app core.App, c *checker, line int, code string, area *node, kind string) error {
	children, err := app.CountRecords(schema.Areas, dbx.HashExp{"parent": area.id})
	if err != nil {
		return err
	}
	stations, err := app.CountRecords(schema.Stations, dbx.HashExp{"area": area.id})
	if err != nil {
		return err
	}
	if children+stations > 0 {
		c.problems.add(line, "kind", "%q is a %s with %d areas and %d stations under it; it cannot become a %s",
			code, area.kind, children, stations, kind)
	}
	return nil
}

func (p *areaPlan) values(r row) dbx.Params {
	code := r.get("code")
	n := p.tree.nodes[code]
	parentID := ""
	if n.parent != "" {
		parentID = p.tree.nodes[n.parent].id
	}
	return dbx.Params{"code": code, "name": r.get("name"), "name_hi": r.get("name_hi"), "kind": n.kind, "parent": parentID}
}

func (p *areaPlan) derive(values dbx.Params, _ dbx.NullStringMap) {
	values["id"] = p.tree.nodes[values["code"].(string)].id
}

func (p *areaPlan) written(tx core.App, values dbx.Params, stored dbx.NullStringMap) error {
	switch {
	case stored == nil:
		return addDistrict(tx, values)
	case stored["parent"].String != values["parent"]:
		p.moved = append(p.moved, stored["id"].String)
	}
	return nil
}

// addDistrict gives a new district its own settings, as hooks/config.go does on an area's
// creation.
func addDistrict(tx core.App, values dbx.Params) error {
	if values["kind"] != schema.AreaDistrict {
		return nil
	}
	collection, err := tx.FindCachedCollectionByNameOrId(schema.Areas)
	if err != nil {
		return err
	}
	area := core.NewRecord(collection)
	area.Load(values)
	return appconfig.AddDistrict(tx, area)
}

// finish re-files the stations at or under a moved area, as hooks/hierarchy.go does when an
// area's parent changes, in SQL rather than by saving each station. (The tree reads an area
// the file does not name outside the transaction, as it was: such an area has not changed.)
func (p *areaPlan) finish(tx core.App) error {
	now := types.NowDateTime().String()
	for _, id := range p.moved {
		var below []struct {
			ID, Area, Subdivision, District, Range string
		}
		if err := tx.DB().Select("s.id", "a.code AS area", "s.subdivision", "s.district", "s.range").
			From(schema.Stations+" s").InnerJoin(schema.Areas+" a", dbx.NewExp("a.id = s.area")).
			Where(dbx.Or(dbx.HashExp{"s.area": id}, dbx.HashExp{"s.subdivision": id}, dbx.HashExp{"s.district": id}, dbx.HashExp{"s.range": id})).
			All(&below); err != nil {
			return err
		}
		for _, s := range below {
			from := areas.Lineage{Subdivision: s.Subdivision, District: s.District, Range: s.Range}
			to, err := p.tree.lineage(s.Area)
			if err != nil {
				return err
			}
			if from == to {
				continue // under two moved areas, and re-filed already
			}
			if _, err := tx.DB().Update(schema.Stations, dbx.Params{"subdivision": to.Subdivision, "district": to.District,
				"range": to.Range, "updated": now}, dbx.HashExp{"id": s.ID}).Execute(); err != nil {
				return err
			}
			if err := moveStation(tx, s.ID, from, to); err != nil {
				return err
			}
		}
	}
	return nil
}

// committed drops the cached stations, whose lineage an area's move changes.
func (p *areaPlan) committed(app core.App) { stations.Forget(app) }
