package importer

import (
	"io"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/areas"
	"anubhav/poster"
	"anubhav/progress"
	"anubhav/qr"
	"anubhav/schema"
	"anubhav/stations"
)

// StationColumns are the columns of a stations file; active (yes/no) is optional: where it
// is missing or empty, a new station is active and an existing one keeps its state.
var (
	StationColumns         = []string{"code", "name", "name_hi", "kind", "area", "address"}
	StationOptionalColumns = []string{"active"}
)

var stationsTable = table{
	name:     schema.Stations,
	compared: []string{"name", "name_hi", "kind", "area", "address", "active"},
	// What the hooks on a station's save set: its lineage (hooks/hierarchy.go), its poster
	// link (hooks/posters.go), and PocketBase's autodates.
	written:         []string{"name", "name_hi", "kind", "area", "address", "active", "subdivision", "district", "range", "poster", "updated"},
	insertOnly:      []string{"created"},
	requiredColumns: StationColumns,
	optionalColumns: StationOptionalColumns,
}

// Stations upserts the stations of a CSV file by code. A station's area (its sub-division,
// or its district where there is none) must already be in the database.
func Stations(app core.App, r io.ReadSeeker, progress progress.Func) (Summary, error) {
	t := newTree(app)
	defer t.close()
	return run(app, r, stationsTable, &stationPlan{areas: t, seen: map[string]int{}, lineages: map[string]areas.Lineage{},
		appURL: app.Settings().Meta.AppURL}, progress)
}

type stationPlan struct {
	areas       *tree
	lineages    map[string]areas.Lineage // by area code
	seen        map[string]int           // the line of each code of the file
	appURL, now string                   // the poster links' App URL, the time of the writes
	// deactivated are the codes of stations the file turned off, whose QR codes go.
	deactivated []string
}

func (p *stationPlan) check(r row, c *checker) error {
	if code := c.code(r, func(code string) int { return p.seen[code] }); code != "" {
		p.seen[code] = r.line
	}
	c.names(r)
	c.choice(r, "kind", schema.StationKinds)
	c.text(r, "address", maxAddress, false)
	if r.checkable("area") {
		areaCode := r.get("area")
		area, err := p.areas.get(areaCode)
		if err != nil {
			return err
		}
		switch {
		case areaCode == "":
			c.problems.add(r.line, "area", "missing: give the code of the station's sub-division (or district)")
		case area == nil:
			c.problems.add(r.line, "area", "unknown area %q: import the areas first", areaCode)
		case area.kind == schema.AreaRange:
			c.problems.add(r.line, "area", "%q is a range; a station belongs to a sub-division or a district", areaCode)
		default:
			if _, done := p.lineages[areaCode]; !done {
				if p.lineages[strings.Clone(areaCode)], err = p.areas.lineage(areaCode); err != nil {
					return err
				}
			}
		}
	}
	if active := r.get("active"); r.checkable("active") && active != "" {
		if _, ok := parseBool(active); !ok {
			c.problems.add(r.line, "active", "%q is not yes or no", active)
		}
	}
	return nil
}

func (p *stationPlan) checkWhole(*checker) error { return nil }

func (p *stationPlan) values(r row) dbx.Params {
	l := p.lineages[r.get("area")]
	values := dbx.Params{"code": r.get("code"), "name": r.get("name"), "name_hi": r.get("name_hi"), "kind": r.get("kind"),
		"area": p.areas.nodes[r.get("area")].id, "address": r.get("address"),
		// Not compared: the station's lineage follows its area (hooks/hierarchy.go).
		"subdivision": l.Subdivision, "district": l.District, "range": l.Range}
	if active := r.get("active"); active != "" {
		values["active"], _ = parseBool(active)
	}
	return values
}

func (p *stationPlan) derive(values dbx.Params, stored dbx.NullStringMap) {
	if p.now == "" {
		p.now = types.NowDateTime().String()
	}
	if _, given := values["active"]; !given {
		values["active"] = stored == nil || stored["active"].String == text(true)
	}
	if stored == nil {
		values["id"] = core.GenerateDefaultRandomId()
	} else {
		values["id"] = stored["id"].String
	}
	values["poster"] = poster.Link(p.appURL, values["code"].(string))
	// created is written by an insert only: an update keeps the stored one.
	values["created"], values["updated"] = p.now, p.now
}

func (p *stationPlan) written(tx core.App, values dbx.Params, stored dbx.NullStringMap) error {
	if values["active"] == false {
		p.deactivated = append(p.deactivated, values["code"].(string))
	}
	if stored == nil {
		return nil
	}
	from := storedLineage(stored)
	to := areas.Lineage{Subdivision: values["subdivision"].(string), District: values["district"].(string), Range: values["range"].(string)}
	if from == to {
		return nil
	}
	return moveStation(tx, stored["id"].String, from, to)
}

func (p *stationPlan) finish(core.App) error { return nil }

// committed drops what the caches hold of the stations: the next request reads them again,
// and encodes an active station's QR code when it is first asked for (encoding 200,000
// codes here, as a station's save does, would only fill this command's memory).
func (p *stationPlan) committed(app core.App) {
	stations.Forget(app)
	for _, code := range p.deactivated {
		qr.CacheOf(app).Forget(code)
	}
}
