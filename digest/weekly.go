package digest

import (
	"cmp"
	"net/url"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/dashboard"
	"anubhav/words"
)

// maxWeekly is how many stations each list of the weekly part names at most.
const maxWeekly = 3

// Weekly is the part of Monday's digest on the week that ended the day before, Monday to
// Sunday, against the week before it: the dashboard's league of the scope's stations.
type Weekly struct {
	From, To time.Time
	// Drops are the stations whose score fell, the biggest fall first.
	Drops []Ranked
	// Best are the stations with the best scores, no more than half of those ranked, so that
	// in a small scope the best do not take in the worst.
	Best []Ranked
	// PriorWeight is the score's weight of the scope's mean (dashboard.PriorWeight).
	PriorWeight int
}

// Ranked is one station's line in the weekly part.
type Ranked struct {
	Name      string
	Responses int
	Score     float64
	// Change is the score's change against the week before; nil without responses then.
	Change *float64
	Link   string
}

// weekly is the weekly part of a digest of day, nil unless day is a Sunday (the digest goes
// out on the Monday) or for a station officer, who has no league.
func weekly(app core.App, officer *core.Record, d *Digest, now time.Time) (*Weekly, error) {
	if d.Day.Start.Weekday() != time.Sunday {
		return nil, nil
	}
	from := d.Day.Start.AddDate(0, 0, -6)
	league, err := dashboard.StationLeague(app, officer, from.Format(time.DateOnly), d.Day.Date, now)
	if err != nil || league == nil {
		return nil, err
	}
	w := &Weekly{From: from, To: d.Day.Start, PriorWeight: league.PriorWeight}
	line := func(r dashboard.Row) Ranked {
		q := url.Values{"station": {r.Code}, "from": {from.Format(time.DateOnly)}, "to": {d.Day.Date}}
		return Ranked{Name: words.Name(d.Lang, r.NameHi, r.Name), Responses: r.Responses, Score: *r.Score,
			Change: r.Change, Link: d.ConsoleURL() + "#/dashboard?" + q.Encode()}
	}
	var scored, fell []dashboard.Row
	for _, r := range league.Rows {
		if r.Score == nil {
			continue
		}
		scored = append(scored, r)
		// a fall shown as at least 0.1, the score's precision in mail and console
		if r.Change != nil && *r.Change <= -0.05 {
			fell = append(fell, r)
		}
	}
	slices.SortStableFunc(fell, func(a, b dashboard.Row) int { return cmp.Compare(*a.Change, *b.Change) })
	for _, r := range fell[:min(maxWeekly, len(fell))] {
		w.Drops = append(w.Drops, line(r))
	}
	// the league comes best first
	for _, r := range scored[:min(maxWeekly, (len(scored)+1)/2)] {
		w.Best = append(w.Best, line(r))
	}
	return w, nil
}

// List is one list of the weekly part: its title's key, the key said when it is empty (none),
// and its stations.
type List struct {
	Title, Empty string
	Rows         []Ranked
}

// Lists are the part's lists for the templates; none where no station had a score.
func (w *Weekly) Lists() []List {
	if len(w.Best) == 0 {
		return nil
	}
	return []List{{"digest.weekly_drops", "digest.weekly_no_drops", w.Drops}, {"digest.weekly_best", "", w.Best}}
}
