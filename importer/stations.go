package importer

import (
	"io"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/progress"
	"anubhav/schema"
)

// StationColumns are the columns of a stations file; active (yes/no) is optional: where it
// is missing or empty, a new station is active and an existing one keeps its state.
var (
	StationColumns         = []string{"code", "name", "name_hi", "kind", "area", "address"}
	StationOptionalColumns = []string{"active"}
)

// Stations upserts the stations of a CSV file by code. A station's area (its sub-division,
// or its district where there is none) must already be in the database.
func Stations(app core.App, r io.Reader, progress progress.Func) (Summary, error) {
	return run(app, r, schema.Stations, StationColumns, StationOptionalColumns, planStations, progress)
}

func planStations(app core.App, t *table, c *checker) ([]plannedRow, error) {
	existing, err := existingAreas(app)
	if err != nil {
		return nil, err
	}
	var rows []plannedRow
	for _, r := range t.rows {
		code, areaCode := t.get(r, "code"), t.get(r, "area")
		c.code(r.line, code)
		c.names(r.line, t.get(r, "name"), t.get(r, "name_hi"))
		c.choice(r.line, "kind", t.get(r, "kind"), schema.StationKinds)
		c.text(r.line, "address", t.get(r, "address"), maxAddress, false)

		area := existing[areaCode]
		switch {
		case areaCode == "":
			c.problems.add(r.line, "area", "missing: give the code of the station's sub-division (or district)")
		case area == nil:
			c.problems.add(r.line, "area", "unknown area %q: import the areas first", areaCode)
		case area.GetString("kind") == schema.AreaRange:
			c.problems.add(r.line, "area", "%q is a range; a station belongs to a sub-division or a district", areaCode)
		}

		pr := plannedRow{line: r.line, code: code, onCreate: map[string]any{"active": true}, fields: map[string]any{
			"name": t.get(r, "name"), "name_hi": t.get(r, "name_hi"), "kind": t.get(r, "kind"), "address": t.get(r, "address"),
		}}
		if area != nil {
			pr.fields["area"] = area.Id
		}
		if active := t.get(r, "active"); active != "" {
			value, ok := parseBool(active)
			if !ok {
				c.problems.add(r.line, "active", "%q is not yes or no", active)
			}
			pr.fields["active"] = value
		}
		rows = append(rows, pr)
	}
	return rows, nil
}
