package dashboard

import (
	"cmp"
	"net/url"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/rollups"
	"anubhav/schema"
)

// League ranks the children of the unit shown: a range's districts, a district's
// sub-divisions (and any station placed right under it), a sub-division's stations.
type League struct {
	Level       string `json:"level"`
	PriorWeight int    `json:"prior_weight"`
	Rows        []Row  `json:"rows"`
	// Silent are the children with no response in the period: a poster may be missing.
	Silent []Unit `json:"silent"`
}

// Row is one child's line.
type Row struct {
	Unit
	Responses          int      `json:"responses"`
	Rating             *float64 `json:"rating"`
	Score              *float64 `json:"score"`
	PreviousScore      *float64 `json:"previous_score"`
	Change             *float64 `json:"change"`
	NegativeShare      *float64 `json:"negative_share"`
	MedianHoursToReply *float64 `json:"median_hours_to_reply"`
	Overdue            int      `json:"overdue"`
}

// children lists the units ranked under the one shown, and their level. Inactive stations
// are listed only where they have responses (never as silent).
func children(rd reader) (level string, units []Unit, active map[string]bool, err error) {
	r := rd.r
	active = map[string]bool{}
	var areaKind string
	var stationsWhere dbx.Expression
	switch r.unit.Level {
	case schema.AreaRange:
		level, areaKind = schema.AreaDistrict, schema.AreaDistrict
	case schema.AreaDistrict:
		level, areaKind = schema.AreaSubdivision, schema.AreaSubdivision
		stationsWhere = dbx.HashExp{"area": r.unit.ID}
	case schema.AreaSubdivision:
		level = LevelStation
		stationsWhere = dbx.HashExp{"subdivision": r.unit.ID}
	default:
		return "", nil, active, nil
	}
	if areaKind != "" {
		var rows []struct{ Id, Code, Name, NameHi string }
		if err := rd.app.DB().Select("id", "code", "name", "name_hi").From(schema.Areas).
			Where(dbx.HashExp{"parent": r.unit.ID, "kind": areaKind}).OrderBy("code").All(&rows); err != nil {
			return "", nil, nil, err
		}
		for _, a := range rows {
			units = append(units, Unit{Level: areaKind, ID: a.Id, Code: a.Code, Name: a.Name, NameHi: a.NameHi})
			active[a.Id] = true
		}
	}
	if stationsWhere != nil {
		if units, err = stationUnits(rd, stationsWhere, units, active); err != nil {
			return "", nil, nil, err
		}
	}
	return level, units, active, nil
}

// stationUnits adds the stations that match where to units, and whether each is active; it
// notes each one's district, whose days its items fall due by (districtOf: a range's
// stations are of several).
func stationUnits(rd reader, where dbx.Expression, units []Unit, active map[string]bool) ([]Unit, error) {
	var rows []struct {
		Id, Code, Name, NameHi, District string
		Active                           bool
	}
	if err := rd.app.DB().Select("id", "code", "name", "name_hi", "district", "active").From(schema.Stations).
		Where(where).OrderBy("code").All(&rows); err != nil {
		return nil, err
	}
	for _, s := range rows {
		units = append(units, Unit{Level: LevelStation, ID: s.Id, Code: s.Code, Name: s.Name, NameHi: s.NameHi})
		active[s.Id] = s.Active
		rd.r.stationDistricts[s.Id] = s.District
	}
	return units, nil
}

// league ranks the children by score; mean is the scope's mean rating over the period, the
// prior of every child's score, this period's and the previous one's alike: a change then
// tells a child's own movement, not the scope's (with each period's own mean as prior, one
// busy child improving would raise every quiet child's change with it).
func league(rd reader, mean *float64, now time.Time) (*League, error) {
	level, units, active, err := children(rd)
	if err != nil || level == "" {
		return nil, err
	}
	return rank(rd, level, units, active, mean, now)
}

// rank makes the league of some units at a level, scored with mean as prior.
func rank(rd reader, level string, units []Unit, active map[string]bool, mean *float64, now time.Time) (*League, error) {
	ids := unitIDs(units)
	sums, err := rd.byUnit(ids)
	if err != nil {
		return nil, err
	}
	replies, err := rd.counts(ids, []string{rollups.HoursReply})
	if err != nil {
		return nil, err
	}
	waiting, err := rd.waiting(ids)
	if err != nil {
		return nil, err
	}
	late := overdue(rd.r, waiting, now)
	// each unit's sums and reply histogram, found by unit in one pass over each: a state's
	// 1,500 stations would otherwise rescan every row for every station
	type both struct{ cur, prev unitRow }
	byUnit := map[string]both{}
	for _, s := range sums {
		b := byUnit[s.Unit]
		if s.Current {
			b.cur = s
		} else {
			b.prev = s
		}
		byUnit[s.Unit] = b
	}
	repliesOf := map[string][]countRow{}
	for _, c := range replies {
		repliesOf[c.Unit] = append(repliesOf[c.Unit], c)
	}
	l := &League{Level: level, PriorWeight: PriorWeight, Rows: []Row{}, Silent: []Unit{}}
	for _, u := range units {
		cur, prev := byUnit[u.ID].cur, byUnit[u.ID].prev
		if cur.Items == 0 {
			if active[u.ID] {
				l.Silent = append(l.Silent, u)
			}
			continue
		}
		own := repliesOf[u.ID]
		row := Row{Unit: u, Responses: cur.Items, Rating: ratio(cur.RatingSum, cur.Rated),
			Score: score(mean, cur), NegativeShare: ratio(cur.Negative, cur.Items),
			MedianHoursToReply: median(own, rollups.HoursReply), Overdue: late[u.ID].overdue}
		if prev.Items > 0 {
			row.PreviousScore = score(mean, prev)
		}
		if row.Score != nil && row.PreviousScore != nil {
			row.Change = round(*row.Score - *row.PreviousScore)
		}
		l.Rows = append(l.Rows, row)
	}
	slices.SortStableFunc(l.Rows, func(a, b Row) int {
		if c := cmp.Compare(value(b.Score), value(a.Score)); c != 0 {
			return c
		}
		return cmp.Compare(b.Responses, a.Responses)
	})
	return l, nil
}

// StationLeague ranks every station of the officer's scope over a period (from and to as the
// dashboard takes them), against the previous period of equal length, scored as the
// dashboard's league with the scope's mean as prior. The dashboard ranks a unit's children (a
// district's are its sub-divisions); this ranks the stations at any depth below the officer,
// for a view across the scope (the digest's weekly part). A station has no league: nil.
func StationLeague(app core.App, officer *core.Record, from, to string, now time.Time) (*League, error) {
	r, err := parse(app, officer, url.Values{"from": {from}, "to": {to}}, now)
	if err != nil || r.sc.Role == schema.RoleStation {
		return nil, err
	}
	rd, err := newReader(app, r)
	if err != nil {
		return nil, err
	}
	series, err := rd.series()
	if err != nil {
		return nil, err
	}
	var a Answer
	sums := a.totals(r, series) // the scope's mean, as build takes it for the league's prior
	active := map[string]bool{}
	units, err := stationUnits(rd, r.sc.Stations(), nil, active)
	if err != nil {
		return nil, err
	}
	return rank(rd, LevelStation, units, active, ratio(sums.RatingSum, sums.Rated), now)
}

// score is the Bayesian average (K*m + sum)/(K + n) of a unit's ratings, with the scope's
// mean m as prior; nil where the scope has no rating to lean on.
func score(mean *float64, u unitRow) *float64 {
	if mean == nil {
		return nil
	}
	return round((PriorWeight**mean + float64(u.RatingSum)) / float64(PriorWeight+u.Rated))
}

// value orders nil below every number.
func value(x *float64) float64 {
	if x == nil {
		return -1
	}
	return *x
}

// unitIDs are the ids of units, in their order.
func unitIDs(units []Unit) []string {
	ids := make([]string, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	return ids
}
