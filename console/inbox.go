// Package console is the officers' review desk behind /console/: the inbox of an officer's
// scope, one item with its answers, contact and thread, and the actions that move an item
// along. Every query is bounded by the officer's scope (package scope); docs/CONSOLE.md
// describes the rules for officers.
package console

import (
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/deadlines"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/stamp"
)

// Bounds that keep every inbox request fast on a large table.
const (
	// ScanWindow is how many items, newest first, one request reads at most to apply the
	// filters that no index serves (kind, flag, rating, words). When a page is not full by
	// then, it says how far back it looked and offers to go on from there.
	ScanWindow = 10000
	// CountCap is where the counts stop counting: the inbox shows "10000+".
	CountCap = 10000
	// DefaultLimit and MaxLimit bound a page.
	DefaultLimit = 50
	MaxLimit     = 200
	pinnedLimit  = 10
)

// StationRef names a station in a row.
type StationRef struct {
	ID     string `json:"id" db:"id"`
	Code   string `json:"code" db:"code"`
	Name   string `json:"name" db:"name"`
	NameHi string `json:"name_hi" db:"name_hi"`
}

// Row is one item in the inbox, with what needs attention.
type Row struct {
	ID string `json:"id"`
	// Ref is the item's short reference (see Ref).
	Ref     string     `json:"ref"`
	Station StationRef `json:"station"`
	Kind    string     `json:"kind"`
	Rating  int        `json:"rating"`
	Status  string     `json:"status"`
	Flags   []string   `json:"flags"`
	Excerpt string     `json:"excerpt"`
	Channel string     `json:"channel"`
	// Created is the time of arrival; a station officer gets the Date only.
	Created       string `json:"created,omitempty"`
	Date          string `json:"date"`
	AssignedTo    string `json:"assigned_to"`
	AssignedName  string `json:"assigned_name"`
	OverdueReview bool   `json:"overdue_review"`
	OverdueAction bool   `json:"overdue_action"`
	Escalated     bool   `json:"escalated"`
	// Instructed: an instruction waits for the station's answer. Praise needs no action.
	Instructed bool `json:"instructed"`
	Praise     bool `json:"praise"`
	created    string
}

// Count is a bounded count: More says there are more than N.
type Count struct {
	N    int  `json:"n"`
	More bool `json:"more"`
}

// Page is one page of the inbox.
type Page struct {
	// Pinned are the newest open urgent items, on the first page only; for a station's
	// in-charge, also those whose instruction waits for its answer.
	Pinned []Row `json:"pinned"`
	Items  []Row `json:"items"`
	// Next is the cursor of the next page ("" at the end). When the scan window ran out
	// before the page filled, SearchedTo is the date it reached.
	Next       string `json:"next"`
	SearchedTo string `json:"searched_to,omitempty"`
	// Counts per status over the filter's scope, station and dates; Attention counts the
	// urgent, overdue, escalated and assigned open items of the officer's scope (and, for a
	// station, those whose instruction waits for its answer).
	Counts    map[string]Count `json:"counts"`
	Attention map[string]Count `json:"attention"`
}

type listing struct {
	app     core.App
	officer *core.Record
	sc      scope.Scope
	// set is every district's settings; cfgs those of the districts of the scope.
	set  *appconfig.Set
	cfgs []*appconfig.Config
	now  time.Time
	f    Filter
}

// newListing prepares the queries of an officer's scope.
func newListing(app core.App, officer *core.Record, f Filter) (*listing, error) {
	sc := scope.Of(officer)
	set, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	districts, err := sc.Districts(app)
	if err != nil {
		return nil, err
	}
	return &listing{app: app, officer: officer, sc: sc, set: set, cfgs: set.Among(districts), now: now(), f: f}, nil
}

// location is the time zone of dates and deadlines.
func (l *listing) location() *time.Location { return l.set.Defaults.Location }

// List returns a page of the officer's inbox.
func List(app core.App, officer *core.Record, f Filter) (*Page, error) {
	if f.Limit <= 0 {
		f.Limit = DefaultLimit
	}
	l, err := newListing(app, officer, f)
	if err != nil {
		return nil, err
	}
	page := &Page{Pinned: []Row{}}
	base := l.where()
	cursor, err := l.cursor()
	if err != nil {
		return nil, err
	}
	page.Items, page.Next, page.SearchedTo, err = l.scan(dbx.And(base, l.indexed(), cursor), l.streams(nil), f.Limit, l.matches)
	if err != nil {
		return nil, err
	}
	if f.After == "" && !f.narrowed() {
		if page.Pinned, err = l.pinned(base); err != nil {
			return nil, err
		}
	}
	if page.Counts, page.Attention, err = l.counts(base, l.sc.Feedback("f")); err != nil {
		return nil, err
	}
	if err := l.decorate(page.Items); err != nil {
		return nil, err
	}
	return page, l.decorate(page.Pinned)
}

// narrowed says whether the filter holds a condition that no index serves: the officer is
// looking for something in particular, and the pinned urgent items would be in the way.
func (f Filter) narrowed() bool {
	return f.Kind != "" || f.Flag != "" || f.Rating != 0 || f.Words != ""
}

// instructed selects the open experience items with an instruction: they wait for the
// station's answer. Only an experience item's station can answer (point of the rules).
var instructed = dbx.And(dbx.In("f.status", schema.AwaitingAny()...), dbx.HashExp{"f.kind": schema.KindExperience},
	dbx.NewExp("f.id IN (SELECT feedback FROM "+schema.Followups+" WHERE kind = {:instructionKind})",
		dbx.Params{"instructionKind": schema.FollowupInstruction}))

// urgent selects the items flagged urgent (flags is a JSON list).
var urgent = dbx.Like("f.flags", `"`+schema.FlagUrgent+`"`)

// pinned is the newest open urgent items of the filter; a station's in-charge also gets those
// that wait for its answer to an instruction, its main to-do.
func (l *listing) pinned(base dbx.Expression) ([]Row, error) {
	all := func(*scanned) bool { return true }
	var pin dbx.Expression = urgent
	if !l.sc.SeesComplaints() {
		pin = dbx.Or(urgent, instructed)
	}
	rows, _, _, err := l.scan(dbx.And(base, l.indexed(), pin), l.streams(schema.Awaiting), pinnedLimit, all)
	return rows, err
}

// where is the scope and the filters that every query of the page shares (counts too).
func (l *listing) where() dbx.Expression {
	conds := []dbx.Expression{l.sc.Feedback("f")}
	if l.f.Station != "" {
		conds = append(conds, dbx.HashExp{"f.station": l.f.Station})
	}
	if l.f.Area != "" {
		conds = append(conds, l.area())
	}
	if l.f.From != "" {
		from, _ := time.ParseInLocation(time.DateOnly, l.f.From, l.location())
		conds = append(conds, dbx.NewExp("f.created >= {:from}", dbx.Params{"from": stamp.DB(from)}))
	}
	if l.f.To != "" {
		to, _ := time.ParseInLocation(time.DateOnly, l.f.To, l.location())
		conds = append(conds, dbx.NewExp("f.created < {:to}", dbx.Params{"to": stamp.DB(to.AddDate(0, 0, 1))}))
	}
	return dbx.And(conds...)
}

// area selects the items of the filter's area, by the column of its kind; an unknown code
// selects none, as a station outside the scope does.
func (l *listing) area() dbx.Expression {
	area, err := l.app.FindFirstRecordByData(schema.Areas, "code", l.f.Area)
	if err != nil {
		return dbx.NewExp("0")
	}
	return dbx.HashExp{"f." + area.GetString("kind"): area.Id}
}

// indexed is the assignee part of the filter (an index serves it); streams is the status part.
func (l *listing) indexed() dbx.Expression {
	var conds []dbx.Expression
	if l.f.Mine {
		conds = append(conds, assignedTo(l.officer.Id))
	}
	if l.f.Instructed {
		conds = append(conds, instructed)
	}
	return dbx.And(conds...)
}

// streams splits the status part of the filter (status, overdue, escalated; restricted to
// the given statuses, if any) into one condition per status, so that each is read newest
// first along the (scope, status, created) index and the scan merges them. A sort over all
// open items, or a walk through the whole scope looking for the few old open ones, would
// each cost more than the budget on a large table. One nil stream means every status.
func (l *listing) streams(restrict []string) []dbx.Expression {
	var statuses []string
	switch l.f.Status {
	case "":
		statuses = restrict
	case StatusOpen:
		statuses = schema.Awaiting
	default:
		statuses = []string{l.f.Status}
	}
	if l.f.Escalated || l.f.Overdue || l.f.Instructed {
		restrict = schema.Awaiting
	}
	if statuses == nil && restrict == nil {
		return []dbx.Expression{nil}
	}
	if statuses == nil {
		statuses = restrict
	}
	out := []dbx.Expression{}
	for _, status := range statuses {
		if restrict != nil && !slices.Contains(restrict, status) {
			continue
		}
		conds := []dbx.Expression{dbx.HashExp{"f.status": status}}
		if l.f.Overdue || l.f.Escalated {
			conds = append(conds, deadlines.NeedsAction("f"))
		}
		if l.f.Overdue {
			conds = append(conds, deadlines.Before("f", "overdue", l.cfgs, func(c *appconfig.Config) time.Time {
				due, review := deadlines.ActionDue(c, l.now), deadlines.ReviewDue(c, l.now)
				if status == schema.StatusNew && review.After(due) {
					due = review
				}
				return due
			}))
		}
		if l.f.Escalated {
			conds = append(conds, escalationBound("f", l.sc, l.cfgs, l.now))
		}
		out = append(out, dbx.And(conds...))
	}
	return out
}

// assignedTo selects the items assigned to an officer, along the partial index of assigned
// items (whose condition the query must repeat for SQLite to use it).
func assignedTo(officerID string) dbx.Expression {
	return dbx.And(dbx.HashExp{"f.assigned_to": officerID}, dbx.NewExp("f.assigned_to != ''"))
}

func overdue(cfgs []*appconfig.Config, at time.Time) dbx.Expression {
	return dbx.Or(deadlines.OverdueForReview("f", cfgs, at), deadlines.OverdueForAction("f", cfgs, at))
}

// cursor continues after the item a previous page ended at (which must be in scope).
func (l *listing) cursor() (dbx.Expression, error) {
	if l.f.After == "" {
		return nil, nil
	}
	last, err := findInScope(l.app, l.sc, l.f.After)
	if err != nil {
		return nil, validation.Errors{"after": validation.NewError("invalid_cursor", "The page to continue from is gone; start again.")}
	}
	if !l.sc.SeesTimeOfDay() { // the list is in (date, id) order: see byDay
		day, _ := time.ParseInLocation(time.DateOnly, l.date(last.GetString("created")), l.location())
		return dbx.NewExp("f.created < {:dayEnd} AND (f.created < {:dayStart} OR f.id < {:cid})",
			dbx.Params{"dayStart": stamp.DB(day), "dayEnd": stamp.DB(day.AddDate(0, 0, 1)), "cid": last.Id}), nil
	}
	return dbx.NewExp("f.created <= {:cc} AND (f.created < {:cc} OR f.id < {:cid})",
		dbx.Params{"cc": last.GetString("created"), "cid": last.Id}), nil
}

// matches applies the filters that no index serves.
func (l *listing) matches(s *scanned) bool {
	f := l.f
	if (f.Kind != "" && s.Kind != f.Kind) || (f.Rating != 0 && s.Rating != f.Rating) ||
		(f.Flag != "" && !slices.Contains(s.flags, f.Flag)) {
		return false
	}
	if f.Words != "" {
		comment := strings.ToLower(s.Comment)
		for _, w := range strings.Fields(strings.ToLower(f.Words)) {
			if !strings.Contains(comment, w) {
				return false
			}
		}
	}
	return true
}

func (l *listing) row(s *scanned) Row {
	created, _ := types.ParseDateTime(s.Created)
	cfg := l.set.For(s.District)
	review, action := deadlines.Overdue(s.Status, created.Time(), l.now, cfg)
	level := EscalationLevel(cfg, s.Status, created.Time(), s.Subdivision != "", l.now)
	praise := deadlines.Praise(s.Kind, s.Rating, s.flags)
	if praise {
		review, action, level = false, false, LevelNone
	}
	r := Row{ID: s.ID, Ref: Ref(s.ID), Station: StationRef{ID: s.Station}, Kind: s.Kind, Rating: s.Rating, Status: s.Status,
		Flags: s.flags, Excerpt: stamp.Excerpt(s.Comment, 160), Channel: s.Channel, Date: l.date(s.Created),
		AssignedTo: s.AssignedTo, created: s.Created, OverdueReview: review, OverdueAction: action, Escalated: EscalatedTo(l.sc, level), Praise: praise}
	if r.Flags == nil {
		r.Flags = []string{}
	}
	if l.sc.SeesTimeOfDay() {
		r.Created = s.Created
	}
	return r
}

// date is the district's local date of a stored time.
func (l *listing) date(stored string) string {
	return stamp.Date(stored, l.location())
}
