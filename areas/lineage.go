// Package areas resolves the range > district > sub-division hierarchy.
package areas

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Lineage is the sub-division, district and range an area belongs to (itself included);
// a level that does not exist above the area is empty.
type Lineage struct {
	Subdivision string
	District    string
	Range       string
}

// Of walks up from the area with the given id. The hierarchy is three levels deep, so a
// longer walk means a loop in the data.
func Of(app core.App, areaID string) (Lineage, error) {
	var l Lineage
	id := areaID
	for depth := 0; id != ""; depth++ {
		if depth == len(schema.AreaKinds) {
			return l, fmt.Errorf("area %q: the parent chain is deeper than range > district > sub-division", areaID)
		}
		area, err := app.FindRecordById(schema.Areas, id)
		if err != nil {
			return l, fmt.Errorf("area %q: %w", id, err)
		}
		switch area.GetString("kind") {
		case schema.AreaSubdivision:
			l.Subdivision = area.Id
		case schema.AreaDistrict:
			l.District = area.Id
		case schema.AreaRange:
			l.Range = area.Id
		}
		id = area.GetString("parent")
	}
	return l, nil
}

// Apply writes the lineage into a record's subdivision, district and range fields.
func (l Lineage) Apply(r *core.Record) {
	r.Set("subdivision", l.Subdivision)
	r.Set("district", l.District)
	r.Set("range", l.Range)
}

// Read takes the lineage from a record's subdivision, district and range fields.
func Read(r *core.Record) Lineage {
	return Lineage{Subdivision: r.GetString("subdivision"), District: r.GetString("district"), Range: r.GetString("range")}
}

// Units are the lineage's sub-division, district and range, as the rollups name their units.
func (l Lineage) Units() []string { return []string{l.Subdivision, l.District, l.Range} }

// ParentKind is the kind an area's parent must have ("" for a range, which has none).
func ParentKind(kind string) string {
	switch kind {
	case schema.AreaDistrict:
		return schema.AreaRange
	case schema.AreaSubdivision:
		return schema.AreaDistrict
	}
	return ""
}
