package report

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/dashboard"
	"anubhav/schema"
	"anubhav/stamp"
	"anubhav/submission"
	"anubhav/words"
)

// below lists the unit shown and every area and station under it, depth first: an area, then
// its areas, then the stations placed right under it, each by code.
func below(app core.App, top dashboard.Unit) ([]unitRef, error) {
	out := []unitRef{{level: top.Level, code: top.Code, active: true}}
	if top.Level == dashboard.LevelStation {
		return out, nil
	}
	var walk func(id string, depth int) error
	walk = func(id string, depth int) error {
		var subs []struct{ Id, Code, Kind string }
		if err := app.DB().Select("id", "code", "kind").From(schema.Areas).Where(dbx.HashExp{"parent": id}).
			OrderBy("code").All(&subs); err != nil {
			return err
		}
		for _, a := range subs {
			out = append(out, unitRef{level: a.Kind, code: a.Code, depth: depth, active: true})
			if err := walk(a.Id, depth+1); err != nil {
				return err
			}
		}
		var sts []struct {
			Code   string
			Active bool
		}
		if err := app.DB().Select("code", "active").From(schema.Stations).Where(dbx.HashExp{"area": id}).
			OrderBy("code").All(&sts); err != nil {
			return err
		}
		for _, s := range sts {
			out = append(out, unitRef{level: dashboard.LevelStation, code: s.Code, depth: depth, active: s.Active})
		}
		return nil
	}
	return out, walk(top.ID, 1)
}

// Trend is the month's responses per day as bars, with each day's mean rating.
type Trend struct {
	Max  int
	Days []Day
}

// Day is one bar: its height in per cent of the busiest day's.
type Day struct {
	Day       int
	Responses int
	Height    int
	Rating    *float64
	// RatingHeight is the mean rating's height in per cent of 5 stars.
	RatingHeight int
	// Label: the axis names the first day of each week.
	Label bool
}

// trend turns the dashboard's daily points into bars.
func trend(t dashboard.Trend, first time.Time) Trend {
	var out Trend
	for _, p := range t.Points {
		out.Max = max(out.Max, p.Responses)
	}
	for i, p := range t.Points {
		d := Day{Day: first.AddDate(0, 0, i).Day(), Responses: p.Responses, Rating: p.Rating, Label: i%7 == 0}
		if out.Max > 0 {
			d.Height = p.Responses * 100 / out.Max
		}
		if p.Rating != nil {
			d.RatingHeight = int(*p.Rating * 20)
		}
		out.Days = append(out.Days, d)
	}
	return out
}

// parts reads what the dashboard does not count: comments and the officers' actions, of a
// unit's items in the month (from inclusive, to exclusive).
type parts struct {
	app  core.App
	lang string
	loc  *time.Location
	// stationView: a station officer's report counts its experience items only
	stationView bool
	from, to    time.Time
}

// column is the feedback column that holds a unit: its level's name (hooks/hierarchy.go
// writes each item's station, sub-division, district and range).
func column(u dashboard.Unit) string { return "f." + u.Level }

func (p parts) items(u dashboard.Unit) dbx.Expression {
	return dbx.And(dbx.HashExp{column(u): u.ID},
		dbx.NewExp("f.created >= {:from} AND f.created < {:to}", dbx.Params{"from": stamp.DB(p.from), "to": stamp.DB(p.to)}))
}

// Comment is an excerpt of an experience item's comment, without names or numbers.
type Comment struct {
	Date   string
	Rating int
	Text   string
}

const (
	// lowComments and highComments: the lowest-rated comments say what to mend, the best
	// what to keep.
	lowComments, highComments = 2, 1
	excerptRunes              = 240
)

// comments are a few comments of the unit's experience items of the month. Only experience:
// complaints and tip-offs tell who complained of whom, and a report is paper that leaves the
// console's checks (a station's half page may be handed to that station).
func (p parts) comments(u dashboard.Unit) ([]Comment, error) {
	written, err := writtenQuestions(p.app)
	if err != nil {
		return nil, err
	}
	var out []Comment
	seen := map[string]bool{}
	for _, pick := range []struct {
		order []string
		n     int
	}{{[]string{"f.rating ASC", "f.id"}, lowComments}, {[]string{"f.rating DESC", "f.id"}, highComments}} {
		var rows []struct {
			Id, Comment, Name string
			Rating            int
			Answers           types.JSONRaw
			Created           types.DateTime
		}
		err := p.app.DB().Select("f.id", "f.comment", "f.rating", "f.answers", "f.created", "coalesce(c.name, '') AS name").
			From(schema.Feedback+" f").LeftJoin(schema.Contacts+" c", dbx.NewExp("c.feedback = f.id")).
			Where(p.items(u)).AndWhere(dbx.HashExp{"f.kind": schema.KindExperience}).
			AndWhere(dbx.NewExp("f.status != {:spam} AND f.comment != ''", dbx.Params{"spam": schema.StatusSpam})).
			OrderBy(pick.order...).Limit(int64(pick.n + lowComments)).All(&rows)
		if err != nil {
			return nil, err
		}
		taken := 0
		for _, r := range rows {
			if seen[r.Id] || taken == pick.n {
				continue
			}
			seen[r.Id], taken = true, taken+1
			text := redact(r.Comment, words.T(p.lang, "report.removed"), append(textAnswers(r.Answers, written), r.Name)...)
			out = append(out, Comment{Date: words.Date(p.lang, r.Created.Time().In(p.loc)), Rating: r.Rating,
				Text: stamp.Excerpt(text, excerptRunes)})
		}
	}
	return out, nil
}

var (
	// numbers: a mobile or Aadhaar number, in any digits (Devanagari too), however its groups
	// are set apart (spaces, dashes, dots, brackets, slashes: "+91.98765.43210",
	// "(98765) 43210"); six digits or more. A date (12.05.2024) goes too: better a date lost
	// than a number kept.
	numbers = regexp.MustCompile(`\+?\p{Nd}(?:[\s\-.()/]{0,3}\p{Nd}){5,}`)
	emails  = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[^\s@]+`)
)

// redact takes the item's names (the contact's, and what it wrote in name fields), numbers
// and e-mail addresses out of a comment.
func redact(text, removed string, names ...string) string {
	for _, n := range names {
		n = strings.TrimSpace(n)
		if len([]rune(n)) < 3 {
			continue
		}
		text = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(n)).ReplaceAllString(text, removed)
	}
	text = numbers.ReplaceAllString(text, removed)
	return emails.ReplaceAllString(text, removed)
}

// writtenQuestions are the keys of the questions answered in words (type text): in the
// questionnaire they are names (the officer who attended) or places.
func writtenQuestions(app core.App) (map[string]bool, error) {
	questions, err := submission.Questionnaire(app)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, q := range questions {
		if q.Type == submission.TypeText {
			keys[q.Key] = true
		}
	}
	return keys, nil
}

// textAnswers are an item's answers to the written questions, which a comment that repeats
// one has taken out. Not its choices ("yes", "other"), which are words of every comment.
func textAnswers(raw types.JSONRaw, written map[string]bool) []string {
	var answers map[string]any
	if err := json.Unmarshal(raw, &answers); err != nil {
		return nil
	}
	var out []string
	for key, v := range answers {
		if s, ok := v.(string); ok && written[key] {
			out = append(out, s)
		}
	}
	return out
}

// Actions are what officers did about the unit's items in the month.
type Actions struct {
	Instructions, Replies, Closures int
}

// actionRow is the month's actions on the items of one station (and its areas at the time).
type actionRow struct {
	Station, Subdivision, District, Range string
	Actions
}

// actions counts the month's instructions, replies and closures of the items under the unit
// shown, by station and area, in one pass over the month's follow-ups: an action of the month
// may concern an older item, so the items cannot narrow it. Each section adds up its own
// (Of).
func (p parts) actions(top dashboard.Unit) (actionTally, error) {
	var rows []actionRow
	// "+" keeps SQLite from walking every item of the unit (all time) for its follow-ups: the
	// month's follow-ups, by their date (idx_followups_created), are the few
	where := dbx.And(dbx.NewExp("+"+column(top)+" = {:unit}", dbx.Params{"unit": top.ID}),
		dbx.NewExp("o.created >= {:from} AND o.created < {:to}", dbx.Params{"from": stamp.DB(p.from), "to": stamp.DB(p.to)}))
	if p.stationView {
		where = dbx.And(where, dbx.HashExp{"f.kind": schema.KindExperience})
	}
	err := p.app.DB().Select("f.station AS station", "f.subdivision AS subdivision", "f.district AS district", "f.range AS range",
		"coalesce(sum(o.kind = {:instruction}), 0) AS instructions", "coalesce(sum(o.kind = {:reply}), 0) AS replies",
		"coalesce(sum(o.to_status = {:closed}), 0) AS closures").
		From(schema.Followups+" o").InnerJoin(schema.Feedback+" f", dbx.NewExp("f.id = o.feedback")).Where(where).
		GroupBy("f.station", "f.subdivision", "f.district", "f.range").
		Bind(dbx.Params{"instruction": schema.FollowupInstruction, "reply": schema.FollowupReply, "closed": schema.StatusClosed}).
		All(&rows)
	return rows, err
}

// actionTally is the month's actions by station and area.
type actionTally []actionRow

// Of adds up a unit's actions.
func (t actionTally) Of(u dashboard.Unit) Actions {
	var a Actions
	for _, r := range t {
		if r.holder(u.Level) == u.ID {
			a.Instructions += r.Instructions
			a.Replies += r.Replies
			a.Closures += r.Closures
		}
	}
	return a
}

// holder is the unit of a level that held the row's items.
func (r actionRow) holder(level string) string {
	switch level {
	case dashboard.LevelStation:
		return r.Station
	case schema.AreaSubdivision:
		return r.Subdivision
	case schema.AreaDistrict:
		return r.District
	}
	return r.Range
}
