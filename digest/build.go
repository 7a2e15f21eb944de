// Package digest builds an officer's daily review digest (DESIGN.md: Digest) from SQL
// aggregates over their scope, renders it as mail in Hindi or English, and delivers it at most
// once per day and officer, recording every outcome in the digests collection.
package digest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/deadlines"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/stamp"
	"anubhav/words"
)

const (
	// maxListed caps each list of items in a mail; the counts say how many more there are.
	maxListed = 30
	// excerptRunes is how much of a citizen's comment the digest quotes.
	excerptRunes = 140
	// quietDays: a station with no feedback for this long may have lost its poster.
	quietDays = 7
)

// Digest is one officer's digest of one day.
type Digest struct {
	OfficerName string
	Email       string
	Lang        string
	Role        string
	Day         Day
	// AsOf is when the digest was built: overdue items are overdue at that moment.
	AsOf     time.Time
	District string
	Campaign string
	// Stations are the stations with responses that day, the busiest first.
	Stations []StationDay
	Total    Counts
	// Week is the seven days before the day, for the rating's trend.
	Week Counts
	// Flagged are the day's negative and urgent items, urgent first.
	Flagged []Item
	// OverdueReview and OverdueAction count the open items past their deadlines,
	// OverdueAny those past either; Overdue lists the oldest of them.
	OverdueReview int
	OverdueAction int
	OverdueAny    int
	Overdue       []Item
	// Quiet are the active stations without any feedback in the last quietDays days.
	Quiet []Station
	// Weekly is Monday's part on the week before; nil on other days and for a station.
	Weekly *Weekly
	// Monthly links the month before's report on the first of a month, for the SP and above.
	Monthly *Monthly
	// ShowTime is false for a station officer, who sees the date of an item, not its time.
	ShowTime   bool
	consoleURL string
}

// Counts are the responses of a set of items.
type Counts struct {
	Responses  int     `db:"responses"`
	Experience int     `db:"experience"`
	Complaints int     `db:"complaints"`
	Tips       int     `db:"tips"`
	Negative   int     `db:"negative"`
	Urgent     int     `db:"urgent"`
	Flagged    int     `db:"flagged"`
	Rated      int     `db:"rated"`
	RatingSum  float64 `db:"rating_sum"`
}

// Average is the mean rating of the rated items, 0 when there are none.
func (c Counts) Average() float64 {
	if c.Rated == 0 {
		return 0
	}
	return c.RatingSum / float64(c.Rated)
}

func (c *Counts) add(o Counts) {
	c.Responses += o.Responses
	c.Experience += o.Experience
	c.Complaints += o.Complaints
	c.Tips += o.Tips
	c.Negative += o.Negative
	c.Urgent += o.Urgent
	c.Flagged += o.Flagged
	c.Rated += o.Rated
	c.RatingSum += o.RatingSum
}

// Station is a station by its name in the officer's language.
type Station struct {
	ID   string
	Code string
	Name string
}

// StationDay is one station's responses of the day.
type StationDay struct {
	Station
	Counts
}

// Item is an item listed in the digest: never a contact, and a short excerpt only.
type Item struct {
	ID       string
	Station  string
	Kind     string
	Status   string
	Excerpt  string
	Created  time.Time
	Urgent   bool
	Negative bool
	Link     string
}

// Build gathers the digest of an officer for a day, as of now.
func Build(app core.App, officer *core.Record, day Day, now time.Time) (*Digest, error) {
	sc := scope.Of(officer)
	cfgs, cfg, err := appconfig.OfScope(app, sc)
	if err != nil {
		return nil, err
	}
	lang := words.Choose(officer.GetString("lang"))
	d := &Digest{
		OfficerName: officer.GetString("name"),
		Email:       officer.Email(),
		Lang:        lang,
		Role:        sc.Role,
		Day:         day,
		AsOf:        now,
		District:    words.Name(lang, cfg.DistrictNameHi, cfg.DistrictName),
		Campaign:    words.Name(lang, cfg.CampaignNameHi, cfg.CampaignName),
		ShowTime:    sc.SeesTimeOfDay(),
		consoleURL:  strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/console/#/item/",
	}
	q := query{app: app, scope: sc, lang: lang}
	stations, err := q.stations()
	if err != nil {
		return nil, err
	}
	if err := q.perStation(d, day, stations); err != nil {
		return nil, err
	}
	if d.Week, err = q.counts(day.Start.AddDate(0, 0, -7), day.Start); err != nil {
		return nil, err
	}
	flagged := dbx.Or(dbx.Like("f.flags", `"`+schema.FlagUrgent+`"`), dbx.Like("f.flags", `"`+schema.FlagNegative+`"`))
	// A station sees dates, not times: its lists go by date and within a day by id, as in its
	// console, so that their order does not tell when an item came either.
	byArrival, oldestFirst := "f.created ASC", "(+f.created) ASC"
	if !sc.SeesTimeOfDay() {
		_, offset := day.Start.Zone()
		byArrival = "f.id ASC" // the digest's flagged items are of one day
		oldestFirst = fmt.Sprintf("date(f.created, '%+d seconds') ASC, f.id ASC", offset)
	}
	if d.Flagged, err = q.items(d, dbx.And(q.during(day.Start, day.End), flagged), `(f.flags LIKE '%"urgent"%') DESC`, byArrival); err != nil {
		return nil, err
	}
	review, action := deadlines.OverdueForReview("f", cfgs, now), deadlines.OverdueForAction("f", cfgs, now)
	// Both deadlines concern open items only; saying so up front lets SQLite use the
	// (scope, status, created) index for the union instead of scanning by age.
	overdue := dbx.And(dbx.In("f.status", schema.AwaitingAny()...), dbx.Or(review, action))
	if d.OverdueReview, err = q.count(review); err != nil {
		return nil, err
	}
	if d.OverdueAction, err = q.count(action); err != nil {
		return nil, err
	}
	if d.OverdueAny, err = q.count(overdue); err != nil {
		return nil, err
	}
	// "+" keeps SQLite from walking the (scope, created) index from the oldest item in the
	// hope of finding 30 open ones early: they are the recent few.
	if d.Overdue, err = q.items(d, overdue, oldestFirst); err != nil {
		return nil, err
	}
	if d.Quiet, err = q.quiet(day.End.AddDate(0, 0, -quietDays), day.End, stations); err != nil {
		return nil, err
	}
	if d.Monthly, err = monthly(app, officer, d); err != nil {
		return nil, err
	}
	d.Weekly, err = weekly(app, officer, d, now)
	return d, err
}

// query runs the digest's queries within one officer's scope. Items marked spam count nowhere.
type query struct {
	app   core.App
	scope scope.Scope
	lang  string
}

func (q query) feedback() dbx.Expression {
	return dbx.And(q.scope.Feedback("f"), dbx.Not(dbx.HashExp{"f.status": schema.StatusSpam}))
}

func (q query) during(from, to time.Time) dbx.Expression {
	return dbx.NewExp("f.created >= {:from} AND f.created < {:to}", dbx.Params{"from": stamp.DB(from), "to": stamp.DB(to)})
}

const countColumns = `COUNT(*) AS responses,
	COALESCE(SUM(f.kind = 'experience'), 0) AS experience,
	COALESCE(SUM(f.kind = 'complaint'), 0) AS complaints,
	COALESCE(SUM(f.kind = 'tip'), 0) AS tips,
	COALESCE(SUM(f.flags LIKE '%"negative"%'), 0) AS negative,
	COALESCE(SUM(f.flags LIKE '%"urgent"%'), 0) AS urgent,
	COALESCE(SUM(f.flags LIKE '%"urgent"%' OR f.flags LIKE '%"negative"%'), 0) AS flagged,
	COALESCE(SUM(f.kind = 'experience' AND f.rating > 0), 0) AS rated,
	TOTAL(CASE WHEN f.kind = 'experience' AND f.rating > 0 THEN f.rating END) AS rating_sum`

// stations are every station of the scope (inactive ones too: old items still name them).
func (q query) stations() (map[string]*stationRow, error) {
	var rows []*stationRow
	err := q.app.DB().Select("id", "code", "name", "name_hi", "active").From(schema.Stations).
		Where(q.scope.Stations()).All(&rows)
	byID := make(map[string]*stationRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	return byID, err
}

type stationRow struct {
	ID     string `db:"id"`
	Code   string `db:"code"`
	Name   string `db:"name"`
	NameHi string `db:"name_hi"`
	Active bool   `db:"active"`
}

func (q query) station(r *stationRow) Station {
	return Station{ID: r.ID, Code: r.Code, Name: words.Name(q.lang, r.NameHi, r.Name)}
}

func (q query) perStation(d *Digest, day Day, stations map[string]*stationRow) error {
	var rows []struct {
		Station string `db:"station"`
		Counts
	}
	err := q.app.DB().Select("f.station AS station", countColumns).From(schema.Feedback + " f").
		Where(q.feedback()).AndWhere(q.during(day.Start, day.End)).GroupBy("f.station").All(&rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		s := Station{ID: r.Station, Name: r.Station}
		if st, ok := stations[r.Station]; ok {
			s = q.station(st)
		}
		d.Stations = append(d.Stations, StationDay{Station: s, Counts: r.Counts})
		d.Total.add(r.Counts)
	}
	sort.Slice(d.Stations, func(i, j int) bool {
		a, b := d.Stations[i], d.Stations[j]
		if a.Responses != b.Responses {
			return a.Responses > b.Responses
		}
		return a.Name < b.Name
	})
	return nil
}

func (q query) counts(from, to time.Time) (Counts, error) {
	var c Counts
	err := q.app.DB().Select(countColumns).From(schema.Feedback + " f").
		Where(q.feedback()).AndWhere(q.during(from, to)).One(&c)
	return c, err
}

func (q query) count(cond dbx.Expression) (int, error) {
	var n int
	err := q.app.DB().Select("COUNT(*)").From(schema.Feedback + " f").
		Where(q.feedback()).AndWhere(cond).Row(&n)
	return n, err
}

func (q query) items(d *Digest, cond dbx.Expression, order ...string) ([]Item, error) {
	var rows []struct {
		ID      string         `db:"id"`
		Kind    string         `db:"kind"`
		Status  string         `db:"status"`
		Comment string         `db:"comment"`
		Flags   string         `db:"flags"`
		Created types.DateTime `db:"created"`
		Station string         `db:"station"`
		Name    string         `db:"name"`
		NameHi  string         `db:"name_hi"`
	}
	err := q.app.DB().Select("f.id", "f.kind", "f.status", "f.comment", "f.flags", "f.created", "f.station", "s.name", "s.name_hi").
		From(schema.Feedback+" f").LeftJoin(schema.Stations+" s", dbx.NewExp("s.id = f.station")).
		Where(q.feedback()).AndWhere(cond).OrderBy(order...).Limit(maxListed).All(&rows)
	items := make([]Item, len(rows))
	for i, r := range rows {
		items[i] = Item{
			ID: r.ID, Kind: r.Kind, Status: r.Status, Excerpt: stamp.Excerpt(r.Comment, excerptRunes),
			Station: words.Name(q.lang, r.NameHi, r.Name), Created: r.Created.Time(),
			Urgent: strings.Contains(r.Flags, `"`+schema.FlagUrgent+`"`), Negative: strings.Contains(r.Flags, `"`+schema.FlagNegative+`"`),
			Link: d.consoleURL + r.ID,
		}
	}
	return items, err
}

// quiet lists the active stations of the scope with no item (that the officer may see)
// between from and to. Spam counts here: someone did find the poster.
func (q query) quiet(from, to time.Time, stations map[string]*stationRow) ([]Station, error) {
	var heard []string
	err := q.app.DB().Select("f.station").Distinct(true).From(schema.Feedback + " f").
		Where(q.scope.Feedback("f")).AndWhere(q.during(from, to)).Column(&heard)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(heard))
	for _, id := range heard {
		seen[id] = true
	}
	var out []Station
	for _, s := range stations {
		if s.Active && !seen[s.ID] {
			out = append(out, q.station(s))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
