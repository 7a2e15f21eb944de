// Package report makes the monthly printable report (GET /api/console/report, `anubhav
// report`): one A4 HTML document of an area's or a station's month, in the officer's
// language. Its numbers are the dashboard's own: every part is a dashboard.Assess of the unit
// and month (and of the month before and the same month a year before), so the paper on the
// SP's table never disagrees with the console.
//
// The trend is drawn with CSS bars, not with the console's chart library: the document is
// printed by the browser, saved to disk and printed again later, or printed by the command
// line's headless Chromium, and a page without script draws the same in each, as vector
// shapes that stay sharp on paper, and without waiting for a script to finish before print.
package report

import (
	"net/url"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/dashboard"
	"anubhav/scope"
	"anubhav/words"
)

// Report is one unit's month, as one officer may see it.
type Report struct {
	Lang string
	// Month is the month's first day; Period its days (up to today for the month under way).
	Month  time.Time
	Period dashboard.Period
	Unit   dashboard.Unit
	Crumbs []dashboard.Unit
	// SeesComplaints is false for a station officer: no complaints, tip-offs or league.
	SeesComplaints bool
	// Compare is this month, the month before and the same month a year before.
	Compare []Column
	League  *dashboard.League
	// Sections are the unit itself, then each area and station below it, depth first.
	Sections []Section
	Made     time.Time
}

// Column is one month's totals in the comparison.
type Column struct {
	Title   string
	Period  dashboard.Period
	Totals  dashboard.Totals
	Service dashboard.Service
}

// Section is one unit's half page.
type Section struct {
	Unit      dashboard.Unit
	Depth     int
	Totals    dashboard.Totals
	Service   dashboard.Service
	Trend     Trend
	Questions []dashboard.Question
	Comments  []Comment
	Actions   Actions
}

// Build makes the report of the unit the query names (area= or station=, else the officer's
// own) for its month= (YYYY-MM), as the officer sees it. Bad parameters are validation.Errors
// in the officer's language; a unit outside the scope is dashboard.ErrNotFound.
func Build(app core.App, officer *core.Record, q url.Values, now time.Time) (*Report, error) {
	cfgs, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	lang := words.Choose(officer.GetString("lang"))
	loc := cfgs.Defaults.Location
	first, last, err := month(q.Get("month"), lang, now.In(loc))
	if err != nil {
		return nil, err
	}
	r := &Report{Lang: lang, Month: first, Made: now.In(loc), SeesComplaints: scope.Of(officer).SeesComplaints()}
	unit := url.Values{}
	for _, k := range []string{"area", "station"} {
		if v := q.Get(k); v != "" {
			unit.Set(k, v)
		}
	}
	periods := []struct {
		key      string
		from, to time.Time
	}{
		{"report.this_month", first, last},
		{"report.previous_month", first.AddDate(0, -1, 0), first.AddDate(0, 0, -1)},
		{"report.year_before", first.AddDate(-1, 0, 0), first.AddDate(-1, 1, -1)},
	}
	var main *dashboard.Answer
	for i, p := range periods {
		a, err := assess(app, officer, unit, p.from, p.to, now)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			main = a
		}
		r.Compare = append(r.Compare, Column{Title: words.T(lang, p.key), Period: a.Period, Totals: a.Totals, Service: a.Service})
	}
	r.Unit, r.Crumbs, r.Period, r.League = main.Scope.Unit, main.Scope.Crumbs, main.Period, main.League
	units, err := below(app, r.Unit)
	if err != nil {
		return nil, err
	}
	p := parts{app: app, lang: lang, loc: loc, stationView: !r.SeesComplaints, from: first, to: last.AddDate(0, 0, 1)}
	actions, err := p.actions(r.Unit)
	if err != nil {
		return nil, err
	}
	for i, u := range units {
		a := main
		if i > 0 {
			if a, err = assess(app, officer, u.query(), first, last, now); err != nil {
				return nil, err
			}
			if !u.active && a.Totals.Responses == 0 {
				continue // a closed station is shown only where it still had responses
			}
		}
		s := Section{Unit: a.Scope.Unit, Depth: u.depth, Totals: a.Totals, Service: a.Service,
			Trend: trend(a.Trend, first), Questions: a.Questions}
		if s.Comments, err = p.comments(s.Unit); err != nil {
			return nil, err
		}
		s.Actions = actions.Of(s.Unit)
		r.Sections = append(r.Sections, s)
	}
	return r, nil
}

// month reads month= as the first and last local day of a month that has begun; the month
// under way ends today.
func month(v, lang string, today time.Time) (first, last time.Time, err error) {
	first, perr := time.ParseInLocation("2006-01", v, today.Location())
	switch {
	case perr != nil:
		return first, last, validation.Errors{"month": words.FieldError("invalid_month", words.T(lang, "report.error.month"))}
	case first.After(today):
		return first, last, validation.Errors{"month": words.FieldError("future_month", words.T(lang, "report.error.future"))}
	}
	last = first.AddDate(0, 1, -1)
	if last.After(today) {
		last = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	}
	return first, last, nil
}

// assess is the dashboard's answer for a unit over some days.
func assess(app core.App, officer *core.Record, unit url.Values, from, to, now time.Time) (*dashboard.Answer, error) {
	q := url.Values{"from": {from.Format(time.DateOnly)}, "to": {to.Format(time.DateOnly)}}
	for k, v := range unit {
		q[k] = v
	}
	return dashboard.Assess(app, officer, q, now)
}

// unitRef is a unit of the report, found by walking down from the one shown.
type unitRef struct {
	level, code string
	depth       int
	active      bool
}

func (u unitRef) query() url.Values {
	if u.level == dashboard.LevelStation {
		return url.Values{"station": {u.code}}
	}
	return url.Values{"area": {u.code}}
}
