package importer

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/schema"
)

// node is an area as an import sees it: as stored, then as the file defines it.
type node struct {
	id, kind string
	parent   string // the parent's code
	line     int    // the line of the file that defines the area; 0 if the file does not
	// checkParent is set where the file's kind and parent cells are fit to be checked.
	checkParent bool
}

// tree is the areas an import has needed, by code: each read from the database once, then as
// the file defines it. Stations and areas refer to areas by code in a file and by id in the
// database; the tree holds only the areas a file names (and their parents), so that neither
// the time nor the memory of an import grows with the areas it does not name.
type tree struct {
	nodes map[string]*node // nil for a code that is nowhere
	find  *dbx.Query
}

func newTree(app core.App) *tree {
	return &tree{nodes: map[string]*node{}, find: app.DB().NewQuery("SELECT a.id, a.kind, COALESCE(p.code, '') FROM {{areas}} a" +
		" LEFT JOIN {{areas}} p ON p.id = a.parent WHERE a.code = {:code}").Prepare()}
}

func (t *tree) close() { _ = t.find.Close() }

// get is the area with a code, nil if there is none.
func (t *tree) get(code string) (*node, error) {
	if n, ok := t.nodes[code]; ok {
		return n, nil
	}
	n := &node{}
	err := t.find.Bind(dbx.Params{"code": code}).Row(&n.id, &n.kind, &n.parent)
	if errors.Is(err, sql.ErrNoRows) {
		n = nil
	} else if err != nil {
		return nil, err
	}
	t.nodes[strings.Clone(code)] = n
	return n, nil
}

// lineage is the sub-division, district and range of an area (itself included), as
// areas.Of finds it in the database.
func (t *tree) lineage(code string) (areas.Lineage, error) {
	var l areas.Lineage
	for depth := 0; code != "" && depth < len(schema.AreaKinds); depth++ {
		n, err := t.get(code)
		if err != nil || n == nil {
			return l, err
		}
		switch n.kind {
		case schema.AreaSubdivision:
			l.Subdivision = n.id
		case schema.AreaDistrict:
			l.District = n.id
		case schema.AreaRange:
			l.Range = n.id
		}
		code = n.parent
	}
	return l, nil
}
