// Package dashboard answers GET /api/console/dashboard: the assessment of an officer's scope
// (or of an area or station within it) over a period, beside the previous period of equal
// length, read from the rollups (package rollups) so that any scope and period up to twelve
// months answers within DESIGN.md's budget. docs/CONSOLE.md documents the answer.
package dashboard

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/deadlines"
	"anubhav/rollups"
	"anubhav/schema"
)

// PriorWeight is the league's K: a unit's score is its mean rating pulled toward the scope's
// mean as if it had K more ratings at that mean, (K*m + sum)/(K + n). With K = 10 two 5★
// ratings in a scope whose mean is 4 score 4.17, below forty ratings of 4.5 (4.4): a station
// needs a few dozen ratings before its own mean dominates.
const PriorWeight = 10

// weekly: a period longer than this many days is drawn by week.
const weekly = 60

// Answer is the dashboard's JSON.
type Answer struct {
	Scope     ScopeView  `json:"scope"`
	Period    Period     `json:"period"`
	Previous  Period     `json:"previous"`
	Totals    Totals     `json:"totals"`
	Service   Service    `json:"service"`
	Questions []Question `json:"questions"`
	Texts     *[]Text    `json:"texts,omitempty"`
	Trend     Trend      `json:"trend"`
	League    *League    `json:"league,omitempty"`
}

type ScopeView struct {
	Unit
	Crumbs []Unit `json:"crumbs"`
}

type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
	Days int    `json:"days"`
}

type Totals struct {
	Responses         int            `json:"responses"`
	PreviousResponses int            `json:"previous_responses"`
	ByKind            map[string]int `json:"by_kind"`
	ByChannel         map[string]int `json:"by_channel"`
	Rating            *float64       `json:"rating"`
	Rated             int            `json:"rated"`
	PreviousRating    *float64       `json:"previous_rating"`
	NegativeShare     *float64       `json:"negative_share"`
	Complaints        int            `json:"complaints"`
	Tips              int            `json:"tips"`
	Spam              int            `json:"spam"`
}

type Service struct {
	MedianHoursToReview *float64 `json:"median_hours_to_review"`
	MedianHoursToReply  *float64 `json:"median_hours_to_reply"`
	MedianHoursToClose  *float64 `json:"median_hours_to_close"`
	WithinReviewShare   *float64 `json:"within_review_share"`
	WithinActionShare   *float64 `json:"within_action_share"`
	OpenNow             int      `json:"open_now"`
	OverdueNow          int      `json:"overdue_now"`
}

type Trend struct {
	Unit   string   `json:"unit"`
	Mean   *float64 `json:"mean"`
	Points []Point  `json:"points"`
}

type Point struct {
	Date      string   `json:"date"`
	Responses int      `json:"responses"`
	Rating    *float64 `json:"rating"`
}

// Assess answers a dashboard request of an officer: its parameters (area, station, from, to)
// are checked first (validation.Errors, ErrNotFound).
func Assess(app core.App, officer *core.Record, q url.Values, now time.Time) (*Answer, error) {
	r, err := parse(app, officer, q, now)
	if err != nil {
		return nil, err
	}
	return build(app, r, now)
}

// build assesses the unit a request names over its period.
func build(app core.App, r *request, now time.Time) (*Answer, error) {
	rd, err := newReader(app, r)
	if err != nil {
		return nil, err
	}
	a := &Answer{
		Scope:    ScopeView{Unit: r.unit, Crumbs: r.crumbs},
		Period:   Period{From: date(r.from), To: date(r.to), Days: r.days()},
		Previous: Period{From: date(r.prevFrom), To: date(r.prevTo), Days: r.days()},
	}
	series, err := rd.series()
	if err != nil {
		return nil, err
	}
	sums := a.totals(r, series)
	a.trend(r, series, sums)
	if err := a.service(rd, sums.Items, now); err != nil {
		return nil, err
	}
	if a.Questions, err = questions(rd); err != nil {
		return nil, err
	}
	if r.sc.Role == schema.RoleStation {
		return a, nil // a station sees no league and no text answers
	}
	texts, err := texts(rd)
	if err != nil {
		return nil, err
	}
	a.Texts = &texts
	a.League, err = league(rd, a.Trend.Mean, now)
	return a, err
}

// totals adds up the period's counters (and the previous period's responses and rating).
func (a *Answer) totals(r *request, series []dayRow) rollups.Tally {
	t := &a.Totals
	t.ByKind, t.ByChannel = map[string]int{}, map[string]int{}
	for _, k := range schema.FeedbackKinds {
		if k == schema.KindExperience || !r.experienceOnly() {
			t.ByKind[k] = 0
		}
	}
	for _, c := range schema.Channels {
		t.ByChannel[c] = 0
	}
	var now, before rollups.Tally
	from := date(r.from)
	for _, d := range series {
		if d.Day < from {
			before.Items += d.Items
			before.Rated += d.Rated
			before.RatingSum += d.RatingSum
			continue
		}
		now.Items += d.Items
		now.Spam += d.Spam
		now.Rated += d.Rated
		now.RatingSum += d.RatingSum
		now.Negative += d.Negative
		t.ByKind[d.Kind] += d.Items
		t.ByChannel[d.Channel] += d.Items
	}
	t.Responses, t.PreviousResponses, t.Rated, t.Spam = now.Items, before.Items, now.Rated, now.Spam
	t.Rating, t.PreviousRating = ratio(now.RatingSum, now.Rated), ratio(before.RatingSum, before.Rated)
	t.NegativeShare = ratio(now.Negative, now.Items)
	t.Complaints, t.Tips = t.ByKind[schema.KindComplaint], t.ByKind[schema.KindTip]
	return now
}

// trend is responses and mean rating per day, or per week from the period's first day for
// a period over weekly days.
func (a *Answer) trend(r *request, series []dayRow, sums rollups.Tally) {
	step, unit := 1, "day"
	if r.days() > weekly {
		step, unit = 7, "week"
	}
	a.Trend = Trend{Unit: unit, Mean: ratio(sums.RatingSum, sums.Rated), Points: []Point{}}
	type acc struct{ items, rated, sum int }
	byDay := map[string]acc{}
	for _, d := range series {
		x := byDay[d.Day]
		x.items, x.rated, x.sum = x.items+d.Items, x.rated+d.Rated, x.sum+d.RatingSum
		byDay[d.Day] = x
	}
	for start := r.from; !start.After(r.to); start = start.AddDate(0, 0, step) {
		var x acc
		for day := start; day.Before(start.AddDate(0, 0, step)) && !day.After(r.to); day = day.AddDate(0, 0, 1) {
			d := byDay[date(day)]
			x.items, x.rated, x.sum = x.items+d.items, x.rated+d.rated, x.sum+d.sum
		}
		a.Trend.Points = append(a.Trend.Points, Point{Date: date(start), Responses: x.items, Rating: ratio(x.sum, x.rated)})
	}
}

// service: medians from the period's histograms, the shares handled within the district's
// days, and what waits now.
func (a *Answer) service(rd reader, responses int, now time.Time) error {
	r := rd.r
	units := []string{r.unit.ID}
	if r.unit.Level == schema.AreaRange && !r.sameDeadlines() {
		// each district's own days apply to its items: a state's range reads 75 districts'
		// histograms where one of its own would do while they keep the same days
		units = r.districts
	}
	measures := []string{rollups.HoursReview, rollups.HoursReply, rollups.HoursClose}
	hist, err := rd.counts([]string{r.unit.ID}, measures)
	if err != nil {
		return err
	}
	s := &a.Service
	// A station is told no duration in hours: it knows when it reviewed or replied itself,
	// so hours from arrival would tell it an item's time of day. Its shares within the
	// district's days (below) are counted in whole days.
	if r.sc.Role != schema.RoleStation {
		s.MedianHoursToReview = median(hist, rollups.HoursReview)
		s.MedianHoursToReply = median(hist, rollups.HoursReply)
		s.MedianHoursToClose = median(hist, rollups.HoursClose)
	}
	days, err := rd.counts(units, []string{rollups.DaysReview, rollups.DaysAction})
	if err != nil {
		return err
	}
	var inReview, inAction int
	for _, c := range days {
		cfg := r.cfgs.For(r.districtOf(c.Unit))
		n, _ := strconv.Atoi(c.Value)
		if c.Measure == rollups.DaysReview && n <= cfg.ReviewDays {
			inReview += c.N
		}
		if c.Measure == rollups.DaysAction && n <= cfg.ActionDays {
			inAction += c.N
		}
	}
	s.WithinReviewShare, s.WithinActionShare = ratio(inReview, responses), ratio(inAction, responses)
	waiting, err := rd.waiting(units)
	if err != nil {
		return err
	}
	for _, w := range overdue(r, waiting, now) {
		s.OpenNow += w.open
		s.OverdueNow += w.overdue
	}
	return nil
}

type wait struct{ open, overdue int }

// overdue counts, per unit, what waits now and what of it is past its district's review or
// action days (deadlines: a day's items fall due at the start of a later local day).
func overdue(r *request, rows []waitingRow, now time.Time) map[string]wait {
	out := map[string]wait{}
	for _, w := range rows {
		cfg := r.cfgs.For(r.districtOf(w.Unit))
		reviewDue, actionDue := date(deadlines.ReviewDue(cfg, now)), date(deadlines.ActionDue(cfg, now))
		x := out[w.Unit]
		x.open += w.StatusNew + w.StatusReview
		switch {
		case w.Day < actionDue:
			x.overdue += w.StatusNew + w.StatusReview
		case w.Day < reviewDue:
			x.overdue += w.StatusNew
		}
		out[w.Unit] = x
	}
	return out
}

// median reads a measure's median from its histogram: the middle of the bucket that holds
// it (rollups.HourBucket: an hour wide under two days, a day wide beyond).
func median(rows []countRow, measure string) *float64 {
	type bucket struct{ lower, n int }
	var bs []bucket
	total := 0
	for _, c := range rows {
		if c.Measure == measure && c.N > 0 {
			lower, _ := strconv.Atoi(c.Value)
			bs = append(bs, bucket{lower, c.N})
			total += c.N
		}
	}
	if total == 0 {
		return nil
	}
	slices.SortFunc(bs, func(a, b bucket) int { return a.lower - b.lower })
	seen := 0
	for _, b := range bs {
		if seen += b.n; 2*seen >= total {
			m := rollups.BucketMiddle(b.lower)
			return &m
		}
	}
	return nil
}

// ratio is a/b to two places, or nil when b is 0.
func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	return round(float64(a) / float64(b))
}

func round(x float64) *float64 {
	v := math.Round(x*100) / 100
	return &v
}

func date(t time.Time) string { return t.Format(time.DateOnly) }
