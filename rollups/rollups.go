// Package rollups keeps the dashboard's counters: per unit (a station, and each area above
// it), per local day of arrival, kind and channel, the items and their ratings, flags and
// present status; and per unit, day, kind, measure and value, the answers and the duration
// histograms. An item's contribution is a function of its own row alone (Of), so a create,
// an update or a delete changes the rollups by the new contribution minus the old one. A
// create is queued by SQLite's trigger in the insert itself (rollup_created: the item is read
// as it is when folded); an update or a delete of an item already folded records its change
// in the journal, in its own transaction (hooks/rollups.go); Fold applies both to the
// rollups, and Rebuild recomputes them from the items.
package rollups

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/stamp"
)

// Tables (plain SQLite tables, clustered by their key: see the migration).
const (
	Counters = "rollups"
	Counts   = "rollup_counts"
	// Months holds rollup_counts added up per calendar month ("2006-01"), so a long period
	// reads a row per month and only its partial months' days.
	Months = "rollup_months"
)

// Measures of the rollup_counts collection: Answer+key counts a question's answers (the
// overall rating as Answer+"rating"); Hours+… a histogram of hours from arrival (HourBucket);
// Days+… a histogram of local days from the day of arrival (0 = the same day).
const (
	Answer      = "q."
	HoursReview = "h.review"
	HoursReply  = "h.reply"
	HoursClose  = "h.close"
	DaysReview  = "d.review"
	DaysAction  = "d.action"
)

// maxDays caps the days histograms: no district gives more than 30 days to act.
const maxDays = 31

// maxText is how much of a text answer is counted: names, not essays.
const maxText = 60

// Key names one row of counters.
type Key struct{ Unit, Day, Kind, Channel string }

// Tally is one row's counters. Items are the items not marked spam; only they have a rating,
// a flag or a status counted; Spam counts the others.
type Tally struct {
	Items        int `json:"i,omitempty"`
	Spam         int `json:"s,omitempty"`
	Rated        int `json:"r,omitempty"`
	RatingSum    int `json:"rs,omitempty"`
	Negative     int `json:"ng,omitempty"`
	StatusNew    int `json:"sn,omitempty"`
	StatusReview int `json:"sr,omitempty"`
}

func (t *Tally) add(o Tally, sign int) {
	t.Items += sign * o.Items
	t.Spam += sign * o.Spam
	t.Rated += sign * o.Rated
	t.RatingSum += sign * o.RatingSum
	t.Negative += sign * o.Negative
	t.StatusNew += sign * o.StatusNew
	t.StatusReview += sign * o.StatusReview
}

func (t Tally) zero() bool { return t == Tally{} }

// CountKey names one row of counts.
type CountKey struct{ Unit, Measure, Day, Kind, Value string }

// Delta is a change of the rollups: contributions added and taken away. Months holds Counts
// added up per month (CountKey.Day is then "2006-01").
type Delta struct {
	Tallies        map[Key]Tally
	Counts, Months map[CountKey]int
}

// NewDelta returns an empty change.
func NewDelta() *Delta {
	return &Delta{Tallies: map[Key]Tally{}, Counts: map[CountKey]int{}, Months: map[CountKey]int{}}
}

// Contribution is what one item adds to the rollups: its tally and its counts (measure and
// value), under each of its units, on its local day of arrival, for its kind and channel.
type Contribution struct {
	Units   []string    `json:"u"`
	Day     string      `json:"d"`
	Kind    string      `json:"k"`
	Channel string      `json:"c"`
	Tally   Tally       `json:"t"`
	Counts  [][2]string `json:"n,omitempty"`
}

// Of is an item's contribution, as a function of its own row alone; nil for no item.
func Of(item *core.Record, loc *time.Location) *Contribution {
	if item == nil {
		return nil
	}
	created := item.GetDateTime("created").Time()
	if created.IsZero() {
		return nil
	}
	c := &Contribution{Units: Units(item), Day: created.In(loc).Format(time.DateOnly),
		Kind: item.GetString("kind"), Channel: item.GetString("channel")}
	status := item.GetString("status")
	if status == schema.StatusSpam {
		c.Tally.Spam = 1
		return c // spam tells nothing of the station's service
	}
	c.Tally.Items = 1
	if r := item.GetInt("rating"); r > 0 {
		c.Tally.Rated, c.Tally.RatingSum = 1, r
	}
	if slices.Contains(item.GetStringSlice("flags"), schema.FlagNegative) {
		c.Tally.Negative = 1
	}
	switch status {
	case schema.StatusNew:
		c.Tally.StatusNew = 1
	case schema.StatusInReview:
		c.Tally.StatusReview = 1
	}
	count := func(measure, value string) { c.Counts = append(c.Counts, [2]string{measure, value}) }
	if r := item.GetInt("rating"); r > 0 {
		count(Answer+"rating", strconv.Itoa(r))
	}
	answers := map[string]any{}
	_ = item.UnmarshalJSONField("answers", &answers)
	// in key order, so that equal items give equal contributions
	for _, key := range slices.Sorted(maps.Keys(answers)) {
		if s := answerText(answers[key]); s != "" {
			count(Answer+key, s)
		}
	}
	since := func(field string) (time.Time, bool) {
		at := item.GetDateTime(field).Time()
		return at, !at.IsZero()
	}
	if at, ok := since("reviewed_at"); ok {
		count(HoursReview, strconv.Itoa(HourBucket(at.Sub(created))))
		count(DaysReview, strconv.Itoa(min(localDays(created, at, loc), maxDays)))
	}
	if at, ok := since("acted_at"); ok {
		count(DaysAction, strconv.Itoa(min(localDays(created, at, loc), maxDays)))
	}
	if at, ok := since("replied_at"); ok {
		count(HoursReply, strconv.Itoa(HourBucket(at.Sub(created))))
	}
	if at, ok := since("closed_at"); ok && status == schema.StatusClosed {
		count(HoursClose, strconv.Itoa(HourBucket(at.Sub(created))))
	}
	return c
}

// Add adds a contribution (sign +1) or takes it away (-1). A nil one adds nothing.
func (d *Delta) Add(c *Contribution, sign int) {
	if c == nil {
		return
	}
	for _, u := range c.Units {
		k := Key{u, c.Day, c.Kind, c.Channel}
		sum := d.Tallies[k]
		sum.add(c.Tally, sign)
		d.Tallies[k] = sum
		for _, mv := range c.Counts {
			d.Counts[CountKey{u, mv[0], c.Day, c.Kind, mv[1]}] += sign
			d.Months[CountKey{u, mv[0], c.Day[:len("2006-01")], c.Kind, mv[1]}] += sign
		}
	}
}

// Units are the ids an item is counted under: its station and each area above it.
func Units(item *core.Record) []string {
	units := []string{item.GetString("station")}
	for _, f := range []string{"subdivision", "district", "range"} {
		if id := item.GetString(f); id != "" {
			units = append(units, id)
		}
	}
	return units
}

// answerText is an answer as counted: ratings and choices as their value, a text trimmed to
// its first words on one line.
func answerText(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return map[bool]string{true: "yes", false: "no"}[v]
	case string:
		return strings.TrimSuffix(stamp.Excerpt(v, maxText), "…")
	}
	return ""
}

// hourBuckets are the histograms' buckets, by lower bound and width in hours: an hour wide
// under 12 hours, 6 hours to two days, a day to two weeks, a week to 13 weeks, one beyond.
// Few buckets keep the rollups small: a station's day holds a few items, each in its own.
var hourBuckets = []struct{ upTo, width int }{{12, 1}, {48, 6}, {14 * 24, 24}, {13 * 7 * 24, 7 * 24}}

// HourBucket files a duration in the histograms, by its bucket's lower bound in hours.
func HourBucket(d time.Duration) int {
	h := int(math.Max(0, d.Hours()))
	for _, b := range hourBuckets {
		if h < b.upTo {
			return h / b.width * b.width
		}
	}
	return hourBuckets[len(hourBuckets)-1].upTo
}

// BucketMiddle is the middle of a bucket, in hours, as a median read from the histogram
// reports it (the last bucket, open-ended, by its lower bound).
func BucketMiddle(lower int) float64 {
	for _, b := range hourBuckets {
		if lower < b.upTo {
			return float64(lower) + float64(b.width)/2
		}
	}
	return float64(lower)
}

// localDays counts the local days from a's date to b's (0 on the same day).
func localDays(a, b time.Time, loc *time.Location) int {
	date := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return max(0, int(date(b).Sub(date(a)).Hours()/24))
}
