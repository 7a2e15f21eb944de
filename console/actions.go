package console

import (
	"errors"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/deadlines"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/words"
)

// Action is what an officer asks to do to an item.
type Action struct {
	Name string `json:"action"`
	// Body is the note, instruction, action taken, reply or reason.
	Body string `json:"body"`
	// Officer is the id of the officer an item is assigned to.
	Officer string `json:"officer"`
	// Station is the id of the station a tip-off is shared with.
	Station string `json:"station"`
}

// rule says who may take an action, on which statuses, and what it does.
type rule struct {
	kind  string   // the follow-up kind it is recorded as
	roles []string // who may take it
	from  []string // the statuses it applies to
	to    string   // the status it leaves; "" keeps the status (a new item goes into review)
	// bodyRequired: the note, instruction, action, reply or reason must be written.
	bodyRequired bool
	public       bool
	// kinds, if any, are the only kinds of item it applies to; praise: to praise only.
	kinds  []string
	praise bool
}

var (
	open        = []string{schema.StatusNew, schema.StatusInReview, schema.StatusActionTaken}
	notSpam     = []string{schema.StatusNew, schema.StatusInReview, schema.StatusActionTaken, schema.StatusClosed}
	anyStatus   = schema.Statuses
	supervisors = []string{schema.RoleSubdivision, schema.RoleDistrict}
	everyRole   = schema.Roles
)

// rules is the console's contract (docs/CONSOLE.md explains it for officers):
//   - a station in-charge notes and records the action taken on its own experience items;
//   - the sub-division and the district review, instruct, reply to the citizen, assign,
//     close, mark spam and reopen;
//   - the range watches: it notes and instructs;
//   - an instruction goes to the station's in-charge, so only on an experience item (the one
//     kind a station sees); a complaint or a tip is given to the sub-division or district
//     officer by assigning it;
//   - praise (deadlines.Praise) is acknowledged: closed with no reason, alone or in bulk;
//   - the district shares a tip-off's text (the body, never the contact) with a station that
//     must act on it (see Shared); a complaint is never shared.
var rules = map[string]rule{
	schema.ActionReview: {kind: schema.FollowupStatus, roles: supervisors, from: []string{schema.StatusNew}, to: schema.StatusInReview},
	schema.ActionNote:   {kind: schema.FollowupNote, roles: everyRole, from: anyStatus, bodyRequired: true},
	schema.ActionInstruction: {kind: schema.FollowupInstruction, roles: append([]string{schema.RoleRange}, supervisors...), from: open, bodyRequired: true,
		kinds: []string{schema.KindExperience}},
	schema.ActionTaken:  {kind: schema.FollowupStatus, roles: everyRole[:3], from: []string{schema.StatusNew, schema.StatusInReview}, to: schema.StatusActionTaken, bodyRequired: true},
	schema.ActionReply:  {kind: schema.FollowupReply, roles: supervisors, from: notSpam, bodyRequired: true, public: true},
	schema.ActionAssign: {kind: schema.FollowupStatus, roles: supervisors, from: open},
	schema.ActionClose:  {kind: schema.FollowupStatus, roles: supervisors, from: open, to: schema.StatusClosed, bodyRequired: true},
	schema.ActionSpam:   {kind: schema.FollowupStatus, roles: supervisors, from: open, to: schema.StatusSpam},
	schema.ActionReopen: {kind: schema.FollowupStatus, roles: supervisors, from: []string{schema.StatusClosed, schema.StatusSpam}, to: schema.StatusInReview, bodyRequired: true},
	schema.ActionAcknowledge: {kind: schema.FollowupStatus, roles: everyRole[:3], from: schema.Awaiting, to: schema.StatusClosed,
		kinds: []string{schema.KindExperience}, praise: true},
	schema.ActionShare: {kind: schema.FollowupInstruction, roles: []string{schema.RoleDistrict}, from: open, bodyRequired: true,
		kinds: []string{schema.KindTip}},
}

// Errors of Act that are not about a field.
var (
	ErrNotFound  = errors.New("no such item in your scope")
	ErrForbidden = errors.New("your role may not do this")
	ErrStatus    = errors.New("this action does not apply to the item's status")
)

// Allowed lists the actions an officer may take on an item as it is now.
func Allowed(sc scope.Scope, item *core.Record) []string {
	out := []string{}
	for _, name := range schema.ConsoleActions {
		if r, ok := rules[name]; ok && slices.Contains(r.roles, sc.Role) && slices.Contains(r.from, item.GetString("status")) && r.fits(item) {
			out = append(out, name)
		}
	}
	return out
}

// fits says whether the rule applies to an item's kind (and praise).
func (r rule) fits(item *core.Record) bool {
	kind := item.GetString("kind")
	return (r.kinds == nil || slices.Contains(r.kinds, kind)) &&
		(!r.praise || deadlines.Praise(kind, item.GetInt("rating"), item.GetStringSlice("flags")))
}

// Act takes an action on an item of the officer's scope: it records one follow-up in the
// officer's name and changes the item's status, assignee or closing time with it, in one
// transaction. It returns the follow-up.
func Act(app core.App, officer *core.Record, itemID string, a Action) (*core.Record, error) {
	sc := scope.Of(officer)
	r, known := rules[a.Name]
	if !known {
		return nil, validation.Errors{"action": words.FieldError("unknown_action", words.T(officer.GetString("lang"), "error.unknown_action", "action", a.Name))}
	}
	a.Body = strings.TrimSpace(a.Body)
	if r.bodyRequired && a.Body == "" {
		return nil, validation.Errors{"body": words.FieldError("body_required", words.T(officer.GetString("lang"), "error.body_required"))}
	}
	var followup *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		item, err := findInScope(tx, sc, itemID)
		if err != nil {
			return err
		}
		if !slices.Contains(r.roles, sc.Role) {
			return ErrForbidden
		}
		status := item.GetString("status")
		if !slices.Contains(r.from, status) {
			return ErrStatus
		}
		if !r.fits(item) {
			return ErrForbidden
		}
		to := r.to
		if to == "" && status == schema.StatusNew && a.Name != schema.ActionNote {
			to = schema.StatusInReview // instructing, replying or assigning is reviewing
		}
		if a.Name == schema.ActionAssign {
			assignee, err := assignee(tx, officer, item, a.Officer)
			if err != nil {
				return err
			}
			item.Set("assigned_to", assignee.Id)
			if a.Body == "" {
				a.Body = officerLabel(assignee.GetString("name"), assignee.GetString("rank"))
			}
		}
		if to != "" && to != status {
			item.Set("status", to)
			switch to {
			case schema.StatusClosed, schema.StatusSpam:
				item.Set("closed_at", types.NowDateTime())
			default:
				item.Set("closed_at", "")
			}
		}
		var station string
		if a.Name == schema.ActionShare {
			if station, err = shareStation(tx, officer, a.Station); err != nil {
				return err
			}
		}
		if err := tx.Save(item); err != nil {
			return err
		}
		collection, err := tx.FindCachedCollectionByNameOrId(schema.Followups)
		if err != nil {
			return err
		}
		followup = core.NewRecord(collection)
		followup.Load(map[string]any{
			"feedback": item.Id, "author": officer.Id, "kind": r.kind, "action": a.Name,
			"body": a.Body, "public": r.public, "station": station,
		})
		if to != "" && to != status {
			followup.Set("from_status", status)
			followup.Set("to_status", to)
		}
		return tx.Save(followup)
	})
	if err != nil {
		return nil, err
	}
	return followup, nil
}

// findInScope loads an item only if the scope contains it.
func findInScope(app core.App, sc scope.Scope, id string) (*core.Record, error) {
	item := &core.Record{}
	err := app.RecordQuery(schema.Feedback).AndWhere(sc.Feedback(schema.Feedback)).
		AndWhere(dbx.HashExp{schema.Feedback + ".id": id}).Limit(1).One(item)
	if err != nil {
		return nil, ErrNotFound
	}
	return item, nil
}

// assignee is the officer an item may be given to: one who can act on it (CanActOn). The
// error is in the assigning officer's language; the same for an officer out of scope, one
// who may not act and an id that is no officer's.
func assignee(app core.App, officer, item *core.Record, id string) (*core.Record, error) {
	invalid := validation.Errors{"officer": words.FieldError("officer_cannot_act", words.T(officer.GetString("lang"), "error.officer_cannot_act"))}
	if id == "" {
		return nil, invalid
	}
	o, err := app.FindRecordById(schema.Officers, id)
	if err != nil || !CanActOn(scope.Of(o), item) {
		return nil, invalid
	}
	return o, nil
}

// closing are the actions that take an item toward its end: the station's answer, closing it
// and marking it spam.
var closing = []string{schema.ActionTaken, schema.ActionClose, schema.ActionSpam}

// CanActOn says whether an officer of a scope may be given an item: its scope holds the item,
// and its role may take, on the item as assigning leaves it (a new item goes into review), at
// least one action that takes it toward its end. So the sub-division and the district may
// be, the station's in-charge for its own experience items that await its action taken, never
// the range (it notes and instructs only), and never a station for a complaint about it.
func CanActOn(sc scope.Scope, item *core.Record) bool {
	if !inScope(sc, item) {
		return false
	}
	status := item.GetString("status")
	if status == schema.StatusNew {
		status = schema.StatusInReview
	}
	for _, name := range closing {
		if r := rules[name]; slices.Contains(r.roles, sc.Role) && slices.Contains(r.from, status) && r.fits(item) {
			return true
		}
	}
	return false
}

// inScope says whether a scope holds an item, as scope.Feedback does in SQL.
func inScope(sc scope.Scope, item *core.Record) bool {
	if !sc.Valid() {
		return false
	}
	if !sc.SeesComplaints() && item.GetString("kind") != schema.KindExperience {
		return false
	}
	return item.GetString(sc.Field) == sc.ID
}

// officerLabel names an officer as the thread shows it: "name (rank)".
func officerLabel(name, rank string) string {
	if rank == "" {
		return name
	}
	return name + " (" + rank + ")"
}
