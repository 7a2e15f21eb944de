package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/deadlines"
	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
)

// plannedItem is a demo item with its review, ready to be saved.
type plannedItem struct {
	station *core.Record
	created time.Time
	channel string
	spam    bool
	in      submission.Input
	// answers are typed as the form stores them (ratings as numbers).
	answers    map[string]any
	flags      []string
	status     string
	closedAt   time.Time
	assignedTo string
	enteredBy  string
	followups  []followup
}

type followup struct {
	kind, action, body string
	station            string // a shared tip-off's station
	public             bool
	from, to           string
	author             *core.Record
	at                 time.Time
}

func (p *plannedItem) answer(key string, value any) {
	p.answers[key] = value
	p.in.Answers[key] = fmt.Sprint(value)
}

func (p *plannedItem) setText(t text) {
	p.in.Comment = t.body
	p.in.Lang = t.lang
}

func (p *plannedItem) hasPublicReply() bool {
	return slices.ContainsFunc(p.followups, func(f followup) bool { return f.public })
}

// needsAction tells whether an officer must act on the item: a complaint, a tip-off, or an
// experience that went badly.
func (p *plannedItem) needsAction() bool {
	return p.in.Kind != schema.KindExperience || slices.Contains(p.flags, schema.FlagNegative)
}

// review decides how far the police have got with an item of a given age, and writes the
// thread that got it there: older items are mostly closed, recent ones new or in review.
func (g *generator) review(p *plannedItem, daysAgo int) {
	district := p.station.GetString("district")
	reviewer := g.staff.byDistrict[district]
	actor := g.staff.bySubdivision[p.station.GetString("subdivision")]
	if p.in.Kind == schema.KindExperience && g.staff.byStation[p.station.Id] != nil {
		actor = g.staff.byStation[p.station.Id] // never a complaint's own station
	}
	if actor == nil {
		actor = reviewer
	}
	if p.channel != schema.ChannelQR {
		p.enteredBy = reviewer.Id
		if p.in.Kind == schema.KindExperience && g.staff.byStation[p.station.Id] != nil {
			p.enteredBy = g.staff.byStation[p.station.Id].Id
		}
	}

	p.status = g.statusFor(daysAgo)
	if !p.needsAction() && p.status == schema.StatusActionTaken {
		p.status = schema.StatusClosed // praise needs no action, only reading
	}
	if p.spam {
		p.status = schema.StatusSpam
	}
	if p.status == schema.StatusNew {
		return
	}

	at := p.created
	step := func(least, most time.Duration) time.Time {
		at = at.Add(least + time.Duration(g.rng.Int64N(int64(most-least))))
		if limit := g.now.Add(-time.Minute); at.After(limit) {
			at = limit
		}
		return at
	}
	add := func(f followup) { p.followups = append(p.followups, f) }
	reviewed := step(time.Hour, 20*time.Hour)
	lang := p.in.Lang
	if p.spam {
		add(followup{kind: schema.FollowupStatus, action: schema.ActionSpam, body: "Not feedback.", from: schema.StatusNew, to: schema.StatusSpam, author: reviewer, at: reviewed})
		return
	}
	// praise is acknowledged, nothing more (the last days' praise still waits for it)
	if deadlines.Praise(p.in.Kind, p.in.Rating, p.flags) && p.status != schema.StatusInReview {
		p.status, p.closedAt = schema.StatusClosed, reviewed
		add(followup{kind: schema.FollowupStatus, action: schema.ActionAcknowledge, from: schema.StatusNew, to: schema.StatusClosed, author: reviewer, at: reviewed})
		return
	}
	add(followup{kind: schema.FollowupStatus, action: schema.ActionReview, from: schema.StatusNew, to: schema.StatusInReview, author: reviewer, at: reviewed})
	if p.needsAction() {
		p.assignedTo = actor.Id
		// an instruction goes to a station's in-charge, who sees experience items only
		if p.in.Kind == schema.KindExperience {
			add(followup{kind: schema.FollowupInstruction, action: schema.ActionInstruction, body: oneOf(g, instructions), author: reviewer, at: reviewed})
		} else {
			add(followup{kind: schema.FollowupStatus, action: schema.ActionAssign, body: actor.GetString("name"), author: reviewer, at: reviewed})
		}
		// the district has some tip-offs acted on by the station: it shares their text alone
		if p.in.Kind == schema.KindTip && p.in.Comment != "" && g.rng.Float64() < 0.4 {
			add(followup{kind: schema.FollowupInstruction, action: schema.ActionShare, body: p.in.Comment, station: p.station.Id,
				author: reviewer, at: reviewed})
		}
	}
	if p.status == schema.StatusInReview {
		return
	}
	if p.needsAction() {
		acted := step(6*time.Hour, 72*time.Hour)
		add(followup{kind: schema.FollowupNote, action: schema.ActionNote, body: oneOf(g, notes), author: actor, at: acted})
		add(followup{kind: schema.FollowupStatus, action: schema.ActionTaken, body: oneOf(g, notes), from: schema.StatusInReview, to: schema.StatusActionTaken, author: actor, at: acted})
		replies := actionReplies
		if p.in.Kind == schema.KindTip {
			replies = tipReplies
		}
		if g.rng.Float64() < 0.65 {
			add(followup{kind: schema.FollowupReply, action: schema.ActionReply, body: oneOf(g, replies[lang]), public: true, author: reviewer, at: step(time.Hour, 3*time.Hour)})
		}
	} else if g.rng.Float64() < 0.15 {
		replies := g.canned[lang] // a canned reply, as an officer picks one in the console
		if len(replies) == 0 {
			replies = thanks[lang]
		}
		add(followup{kind: schema.FollowupReply, action: schema.ActionReply, body: oneOf(g, replies), public: true, author: reviewer, at: step(time.Hour, 5*time.Hour)})
	}
	if p.status == schema.StatusClosed {
		from := schema.StatusInReview
		if p.needsAction() {
			from = schema.StatusActionTaken
		}
		p.closedAt = step(2*time.Hour, 48*time.Hour)
		add(followup{kind: schema.FollowupStatus, action: schema.ActionClose, body: oneOf(g, notes), from: from, to: schema.StatusClosed, author: reviewer, at: p.closedAt})
	}
}

// statusFor draws the status of an item of a given age.
func (g *generator) statusFor(daysAgo int) string {
	switch {
	case daysAgo <= 1:
		return pick(g.rng, map[string]float64{schema.StatusNew: 70, schema.StatusInReview: 30})
	case daysAgo <= 6:
		return pick(g.rng, map[string]float64{schema.StatusNew: 12, schema.StatusInReview: 38, schema.StatusActionTaken: 30, schema.StatusClosed: 20})
	}
	return pick(g.rng, map[string]float64{schema.StatusInReview: 5, schema.StatusActionTaken: 27, schema.StatusClosed: 68})
}

func oneOf[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

// save writes the item, its contact and its thread, with their times in the past, and
// returns the item's id; number, if not empty, is the item's receipt.
func (p *plannedItem) save(app core.App, number string) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId(schema.Feedback)
	if err != nil {
		return "", err
	}
	item := core.NewRecord(col)
	item.Load(map[string]any{
		"station": p.station.Id, "kind": p.in.Kind, "answers": p.answers, "comment": p.in.Comment,
		"channel": p.channel, "lang": p.in.Lang, "status": p.status, "flags": p.flags,
		"assigned_to": p.assignedTo, "entered_by": p.enteredBy,
	})
	if p.in.Rating > 0 {
		item.Set("rating", p.in.Rating)
	}
	if p.in.VisitDate != "" {
		item.Set("visit_date", p.in.VisitDate+" 00:00:00.000Z")
	}
	if !p.closedAt.IsZero() {
		item.Set("closed_at", dateTime(p.closedAt))
	}
	if number != "" {
		hash, err := receipt.Hash(app, number)
		if err != nil {
			return "", err
		}
		item.Set("receipt_hash", hash)
	}
	updated := p.created
	if n := len(p.followups); n > 0 {
		updated = p.followups[n-1].at
	}
	item.SetRaw("created", dateTime(p.created))
	item.SetRaw("updated", dateTime(updated))
	if err := app.Save(item); err != nil {
		return "", fmt.Errorf("item at %s: %w", p.station.GetString("code"), err)
	}

	if p.in.Consent {
		if err := saveNew(app, schema.Contacts, p.created, map[string]any{
			"feedback": item.Id, "name": p.in.Name, "mobile": p.in.Mobile, "consent": true}); err != nil {
			return "", err
		}
	}
	for _, f := range p.followups {
		if err := saveNew(app, schema.Followups, f.at, map[string]any{
			"feedback": item.Id, "author": f.author.Id, "kind": f.kind, "action": f.action, "body": f.body, "public": f.public, "station": f.station,
			"from_status": f.from, "to_status": f.to}); err != nil {
			return "", err
		}
	}
	return item.Id, nil
}

func saveNew(app core.App, collection string, created time.Time, data map[string]any) error {
	col, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Load(data)
	r.SetRaw("created", dateTime(created))
	if err := app.Save(r); err != nil {
		return fmt.Errorf("%s: %w", collection, err)
	}
	return nil
}
