package dashboard

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/submission"
)

// SolvedQuestion is the questionnaire's "was your problem solved" (seeded by the
// questionnaire's migration): the public figures' share of problems solved is its "yes" share.
const SolvedQuestion = "problem_solved"

// Figures are a unit's public numbers over a period, of experience feedback only: the
// responses, rating and "problem solved" answers as a station officer's dashboard counts
// them, and the median hours to a first public reply as the dashboard reads it from its
// histogram (of those items only).
type Figures struct {
	Responses          int
	Rating             *float64
	SolvedShare        *float64
	MedianHoursToReply *float64
}

// PublicStation is a station's public figures.
type PublicStation struct {
	Unit
	Figures
}

// Public is a district's public figures and each of its stations'; every active station is
// listed, an inactive one only where it has responses.
type Public struct {
	District Figures
	Stations []PublicStation
}

// PublicFigures reads a district's public figures over a period (its first and last local
// day) from the rollups, as the dashboard reads them, counting experience items only: the
// public page (package stats) publishes no count of complaints or tip-offs.
func PublicFigures(app core.App, district string, from, to time.Time) (*Public, error) {
	cfgs, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	area, err := app.FindRecordById(schema.Areas, district)
	if err != nil {
		return nil, err
	}
	// no previous period: byUnit reads from prevFrom, and marks the rows from `from` current
	r := &request{sc: scope.Scope{Role: schema.RoleDistrict, Field: schema.RoleDistrict, ID: district},
		unit: areaUnit(area), from: from, to: to, prevFrom: from, prevTo: from, cfgs: cfgs, loc: cfgs.Defaults.Location,
		stationDistricts: map[string]string{}, experience: true}
	rd, err := newReader(app, r)
	if err != nil {
		return nil, err
	}
	active := map[string]bool{}
	units, err := stationUnits(rd, dbx.HashExp{"district": district}, []Unit{r.unit}, active)
	if err != nil {
		return nil, err
	}
	ids := unitIDs(units)
	sums, err := rd.byUnit(ids)
	if err != nil {
		return nil, err
	}
	counts, err := rd.counts(ids, []string{rollups.HoursReply, rollups.Answer + SolvedQuestion})
	if err != nil {
		return nil, err
	}
	solved, err := solvedQuestion(rd)
	if err != nil {
		return nil, err
	}
	sumOf, countsOf := map[string]unitRow{}, map[string][]countRow{}
	for _, s := range sums {
		sumOf[s.Unit] = s
	}
	for _, c := range counts {
		countsOf[c.Unit] = append(countsOf[c.Unit], c)
	}
	figures := func(id string) Figures {
		s, own := sumOf[id], countsOf[id]
		f := Figures{Responses: s.Items, Rating: ratio(s.RatingSum, s.Rated), MedianHoursToReply: median(own, rollups.HoursReply)}
		if solved != nil {
			given := map[string]int{}
			for _, c := range own {
				if c.Measure == rollups.Answer+SolvedQuestion {
					given[c.Value] += c.N
				}
			}
			if q := count("", *solved, given); q != nil {
				f.SolvedShare = ratio(given["yes"], q.Answered)
			}
		}
		return f
	}
	out := &Public{District: figures(district)}
	for _, u := range units[1:] {
		if f := figures(u.ID); active[u.ID] || f.Responses > 0 {
			out.Stations = append(out.Stations, PublicStation{Unit: u, Figures: f})
		}
	}
	return out, nil
}

// solvedQuestion is the "problem solved" question as the dashboard counts it (active, asked
// of experience feedback), nil where a district has none.
func solvedQuestion(rd reader) (*submission.Question, error) {
	qs, err := asked(rd)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		if q.Key == SolvedQuestion {
			return &q, nil
		}
	}
	return nil, nil
}
