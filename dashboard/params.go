package dashboard

import (
	"errors"
	"net/url"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/areas"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/stations"
	"anubhav/words"
)

// ErrNotFound: no such area or station within the officer's scope (the same answer for one
// that exists outside it).
var ErrNotFound = errors.New("no such area or station in your scope")

// Levels, from the top down; a station is the lowest.
const LevelStation = "station"

var levels = []string{schema.AreaRange, schema.AreaDistrict, schema.AreaSubdivision, LevelStation}

// maxDays is the longest period: twelve months, a leap year's included.
const maxDays = 366

// defaultDays is the period without from and to: the last 30 days, ending yesterday.
const defaultDays = 30

// Unit is an area or a station as the dashboard shows it.
type Unit struct {
	Level  string `json:"level"`
	ID     string `json:"-"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameHi string `json:"name_hi"`
}

// request is a dashboard request, checked: whose, of which unit, over which days.
type request struct {
	lang string
	sc   scope.Scope
	unit Unit
	// lineage of the unit (for a station, its areas; for an area, itself and those above)
	lineage areas.Lineage
	crumbs  []Unit
	// districts of a range shown (none for a lower unit)
	districts []string
	// stationDistricts: the district of each station listed in a league
	stationDistricts map[string]string
	// first and last local day, inclusive; those of the previous period of equal length
	from, to, prevFrom, prevTo time.Time
	cfgs                       *appconfig.Set
	loc                        *time.Location
	// experience: counting experience items only, whoever asks (the public figures)
	experience bool
}

// days is the period's length in days.
func (r *request) days() int { return int(r.to.Sub(r.from).Hours()/24+0.5) + 1 }

// experienceOnly: a station sees its own experience items only, never complaints or tip-offs;
// the public figures count experience items only.
func (r *request) experienceOnly() bool { return r.experience || !r.sc.SeesComplaints() }

// parse checks a request's parameters against the officer's scope.
func parse(app core.App, officer *core.Record, q url.Values, now time.Time) (*request, error) {
	cfgs, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	r := &request{lang: officer.GetString("lang"), sc: scope.Of(officer), cfgs: cfgs, loc: cfgs.Defaults.Location,
		stationDistricts: map[string]string{}}
	if !r.sc.Valid() {
		return nil, ErrNotFound
	}
	if err := r.period(q, now); err != nil {
		return nil, err
	}
	return r, r.resolve(app, q.Get("area"), q.Get("station"))
}

// period reads from and to: dates, from not after to, at most maxDays apart.
func (r *request) period(q url.Values, now time.Time) error {
	bad := validation.Errors{}
	date := func(field string) (time.Time, bool) {
		v := q.Get(field)
		if v == "" {
			return time.Time{}, false
		}
		d, err := time.ParseInLocation(time.DateOnly, v, r.loc)
		if err != nil {
			bad[field] = words.FieldError("invalid_date", words.T(r.lang, "dashboard.error.date"))
		}
		return d, err == nil
	}
	local := now.In(r.loc)
	yesterday := time.Date(local.Year(), local.Month(), local.Day()-1, 0, 0, 0, 0, r.loc)
	from, hasFrom := date("from")
	to, hasTo := date("to")
	if len(bad) > 0 {
		return bad
	}
	switch {
	case !hasTo && !hasFrom:
		to, from = yesterday, yesterday.AddDate(0, 0, 1-defaultDays)
	case !hasTo:
		to = yesterday
		if from.After(to) {
			to = from
		}
	case !hasFrom:
		from = to.AddDate(0, 0, 1-defaultDays)
	}
	r.from, r.to = from, to
	switch {
	case from.After(to):
		bad["from"] = words.FieldError("from_after_to", words.T(r.lang, "dashboard.error.from_after_to"))
	case r.days() > maxDays:
		bad["to"] = words.FieldError("period_too_long", words.T(r.lang, "dashboard.error.too_long", "days", maxDays))
	}
	if len(bad) > 0 {
		return bad
	}
	r.prevTo = from.AddDate(0, 0, -1)
	r.prevFrom = r.prevTo.AddDate(0, 0, 1-r.days())
	return nil
}

// resolve finds the unit asked for (a station wins over an area), or the officer's own, and
// checks that the officer's scope holds it.
func (r *request) resolve(app core.App, areaCode, stationCode string) error {
	switch {
	case stationCode != "":
		s, err := stations.ByCode(app, stationCode)
		if err != nil || !r.holdsStation(s) {
			return ErrNotFound
		}
		r.unit, r.lineage = stationUnit(s), s.Lineage
	case areaCode != "":
		a, err := app.FindFirstRecordByData(schema.Areas, "code", areaCode)
		if err != nil || r.sc.Role == schema.RoleStation {
			return ErrNotFound
		}
		if r.lineage, err = areas.Of(app, a.Id); err != nil || at(r.lineage, r.sc.Field) != r.sc.ID {
			return ErrNotFound
		}
		r.unit = areaUnit(a)
	case r.sc.Role == schema.RoleStation:
		s, err := stations.ByID(app, r.sc.ID)
		if err != nil {
			return ErrNotFound
		}
		r.unit, r.lineage = stationUnit(s), s.Lineage
	default:
		a, err := app.FindRecordById(schema.Areas, r.sc.ID)
		if err != nil {
			return ErrNotFound
		}
		if r.lineage, err = areas.Of(app, a.Id); err != nil {
			return err
		}
		r.unit = areaUnit(a)
	}
	if r.unit.Level == schema.AreaRange {
		if err := app.DB().Select("id").From(schema.Areas).Where(dbx.HashExp{"parent": r.unit.ID, "kind": schema.AreaDistrict}).
			OrderBy("id").Column(&r.districts); err != nil {
			return err
		}
	}
	return r.breadcrumbs(app)
}

// holdsStation: the officer's own station, or one under the officer's area.
func (r *request) holdsStation(s stations.Station) bool {
	if r.sc.Field == "station" {
		return s.ID == r.sc.ID
	}
	return at(s.Lineage, r.sc.Field) == r.sc.ID
}

// breadcrumbs are the units from the officer's own down to the one shown.
func (r *request) breadcrumbs(app core.App) error {
	top := slices.Index(levels, r.sc.Role)
	if r.sc.Role == schema.RoleStation {
		top = slices.Index(levels, LevelStation)
	}
	for i, level := range levels[:len(levels)-1] {
		id := at(r.lineage, level)
		if i < top || id == "" || level == r.unit.Level {
			continue
		}
		a, err := app.FindRecordById(schema.Areas, id)
		if err != nil {
			return err
		}
		r.crumbs = append(r.crumbs, areaUnit(a))
	}
	r.crumbs = append(r.crumbs, r.unit)
	return nil
}

// districtOf is the district whose review and action days apply to a unit's items: a
// range's district itself, a listed station's own, otherwise the district of the unit shown.
func (r *request) districtOf(unit string) string {
	if slices.Contains(r.districts, unit) {
		return unit
	}
	if unit == r.unit.ID && r.unit.Level == schema.AreaRange && len(r.districts) > 0 {
		return r.districts[0] // read as a whole only while its districts' deadlines agree
	}
	if d, ok := r.stationDistricts[unit]; ok {
		return d
	}
	return r.lineage.District
}

func at(l areas.Lineage, level string) string {
	switch level {
	case schema.AreaSubdivision:
		return l.Subdivision
	case schema.AreaDistrict:
		return l.District
	case schema.AreaRange:
		return l.Range
	}
	return ""
}

func stationUnit(s stations.Station) Unit {
	return Unit{Level: LevelStation, ID: s.ID, Code: s.Code, Name: s.Name, NameHi: s.NameHi}
}

func areaUnit(a *core.Record) Unit {
	return Unit{Level: a.GetString("kind"), ID: a.Id, Code: a.GetString("code"), Name: a.GetString("name"), NameHi: a.GetString("name_hi")}
}

// sameDeadlines tells whether every district of the request keeps the same review and action
// days in the same time zone: then a range's own counts and waiting items fall due as each
// of its districts' would.
func (r *request) sameDeadlines() bool {
	cfgs := r.cfgs.Among(r.districts)
	for _, c := range cfgs[min(1, len(cfgs)):] {
		if c.ReviewDays != cfgs[0].ReviewDays || c.ActionDays != cfgs[0].ActionDays || c.Location.String() != cfgs[0].Location.String() {
			return false
		}
	}
	return true
}
