// Package stats is the public page of a district's monthly station results, /stats, and its
// open data as CSV (DESIGN.md, "Flows and URLs"). A district turns it on in its settings
// (config.public_stats, off by default). The figures are the dashboard's
// (dashboard.PublicFigures), of experience feedback only: a public count of complaints or
// tip-offs per station could warn those a tip-off names. A station is shown only with at least
// MinResponses responses in the month; nothing a citizen wrote, no name, contact or time is
// ever shown.
package stats

import (
	"errors"
	"math"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"anubhav/appconfig"
	"anubhav/dashboard"
	"anubhav/schema"
	"anubhav/words"
)

// MinResponses is the fewest responses in a month for which a station (or the district) is
// shown: a handful of answers says little of a station, and would be read as a verdict.
const MinResponses = 10

// monthsOffered is how many months the page's month picker offers, the latest first.
const monthsOffered = 12

// ErrNotPublished: no district of that code publishes its results (none exists, or it has
// not turned the page on); both get the same answer.
var ErrNotPublished = errors.New("no such district publishes its results")

// District is a district that publishes its results.
type District struct {
	ID, Code string
	// Name and NameHi are the names the district gives itself in its settings.
	Name, NameHi string
}

// Published lists the districts that publish their results, by code.
func Published(app core.App) ([]District, error) {
	cfgs, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	var areas []struct{ Id, Code string }
	if err := app.DB().Select("id", "code").From(schema.Areas).Where(dbx.HashExp{"kind": schema.AreaDistrict}).
		OrderBy("code").All(&areas); err != nil {
		return nil, err
	}
	var out []District
	for _, a := range areas {
		if cfg := cfgs.For(a.Id); cfg.PublicStats {
			out = append(out, District{ID: a.Id, Code: a.Code, Name: cfg.DistrictName, NameHi: cfg.DistrictNameHi})
		}
	}
	return out, nil
}

// Find is the district of a code if it publishes its results, else ErrNotPublished.
func Find(app core.App, code string) (District, error) {
	all, err := Published(app)
	if err != nil {
		return District{}, err
	}
	if i := slices.IndexFunc(all, func(d District) bool { return d.Code == code }); i >= 0 {
		return all[i], nil
	}
	return District{}, ErrNotPublished
}

// LastMonth is the first day of the last complete month at now, in loc.
func LastMonth(now time.Time, loc *time.Location) time.Time {
	y, m, _ := now.In(loc).Date()
	return time.Date(y, m-1, 1, 0, 0, 0, 0, loc)
}

// ParseMonth reads a month as YYYY-MM ("" for the last complete one); a month not yet over,
// or not a month, is not published (false).
func ParseMonth(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	last := LastMonth(now, loc)
	if s == "" {
		return last, true
	}
	m, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil || m.After(last) {
		return time.Time{}, false
	}
	return m, true
}

// Months are the months the picker offers: the last complete one and those before it.
func Months(now time.Time, loc *time.Location) []time.Time {
	last := LastMonth(now, loc)
	out := make([]time.Time, monthsOffered)
	for i := range out {
		out[i] = last.AddDate(0, -i, 0)
	}
	return out
}

// Row is a unit's published figures.
type Row struct {
	Code, Name, NameHi string
	dashboard.Figures
}

// Results are a district's published figures for a month.
type Results struct {
	District District
	Month    time.Time
	// Total is the district's line, nil when it had fewer than MinResponses responses or
	// when it is Withheld.
	Total *Row
	// Withheld: the district's line is left out because, less the stations shown, it would
	// tell the figures of between 1 and MinResponses-1 responses at the stations left out
	// (one such station's exactly, when it is the only one with any).
	Withheld bool
	// Stations are those with MinResponses responses or more, by code.
	Stations []Row
	// Fewer counts the stations left out: every other active station, and each inactive
	// one that had a response.
	Fewer int
}

// Compute reads a district's figures for a month (its first day, local) and leaves out
// every unit with fewer than MinResponses responses.
func Compute(app core.App, d District, month time.Time) (*Results, error) {
	p, err := dashboard.PublicFigures(app, d.ID, month, month.AddDate(0, 1, -1))
	if err != nil {
		return nil, err
	}
	r := &Results{District: d, Month: month}
	hidden := p.District.Responses
	for _, s := range p.Stations {
		if s.Responses < MinResponses {
			r.Fewer++
			continue
		}
		hidden -= s.Responses
		r.Stations = append(r.Stations, Row{Code: s.Code, Name: s.Name, NameHi: s.NameHi, Figures: s.Figures})
	}
	switch {
	case p.District.Responses < MinResponses:
	case hidden > 0 && hidden < MinResponses:
		r.Withheld = true
	default:
		r.Total = &Row{Code: d.Code, Name: d.Name, NameHi: d.NameHi, Figures: p.District}
	}
	return r, nil
}

// InOrder are the stations shown in the order of their names in a language.
func (r *Results) InOrder(lang string) []Row {
	order := collate.New(language.Make(lang))
	out := slices.Clone(r.Stations)
	slices.SortStableFunc(out, func(a, b Row) int {
		return order.CompareString(words.Name(lang, a.NameHi, a.Name), words.Name(lang, b.NameHi, b.Name))
	})
	return out
}

// MedianDays is the median time to a public reply in days, to two places; nil with no reply.
func (r Row) MedianDays() *float64 {
	if r.MedianHoursToReply == nil {
		return nil
	}
	d := math.Round(*r.MedianHoursToReply/24*100) / 100
	return &d
}
