package importer

import (
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

// tree is every area by code. Stations and areas refer to areas by code in a file and by id
// in the database; one pass over the areas table loads what both need, so that no row of a
// file costs a look-up of its area.
type tree map[string]*node

func loadTree(app core.App) (tree, error) {
	rows, err := app.DB().NewQuery("SELECT a.id, a.code, a.kind, COALESCE(p.code, '') FROM {{areas}} a" +
		" LEFT JOIN {{areas}} p ON p.id = a.parent").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := tree{}
	for rows.Next() {
		var code string
		n := &node{}
		if err := rows.Scan(&n.id, &code, &n.kind, &n.parent); err != nil {
			return nil, err
		}
		t[code] = n
	}
	return t, rows.Err()
}

// lineage is the sub-division, district and range of an area (itself included), as
// areas.Of finds it in the database.
func (t tree) lineage(code string) areas.Lineage {
	var l areas.Lineage
	for depth := 0; code != "" && depth < len(schema.AreaKinds); depth++ {
		n := t[code]
		if n == nil {
			break
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
	return l
}

// codes maps each area's id to its code.
func (t tree) codes() map[string]string {
	byID := make(map[string]string, len(t))
	for code, n := range t {
		byID[n.id] = code
	}
	return byID
}
