package console

import (
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/scope"
	"anubhav/words"
)

// Shared tip-offs. A station never sees a tip-off (nor a complaint): where the district decides
// that one must be acted on by a station, its officer shares the tip's text, which they may
// trim, with that station (any active station of the district, not only the one whose poster
// was scanned). The share is a follow-up on the tip (action "share", with the station); the
// station reads the shared text alone — never the item, its contact, its station or its time
// of day — and answers with a note that joins the tip's thread.

// shareStation is the station a district officer shares a tip with: an active station of
// their own district; anything else is an error on `station`, alike.
func shareStation(app core.App, officer *core.Record, id string) (string, error) {
	invalid := validation.Errors{"station": words.FieldError("invalid_station", words.T(officer.GetString("lang"), "error.share_station"))}
	if id == "" {
		return "", invalid
	}
	n, err := app.CountRecords(schema.Stations, dbx.And(scope.Of(officer).Stations(), dbx.HashExp{"id": id, "active": true}))
	if err != nil || n != 1 {
		return "", invalid
	}
	return id, nil
}

// SharedTip is a tip-off's text as a station reads it.
type SharedTip struct {
	ID   string `json:"id" db:"id"` // the share's follow-up
	Body string `json:"body" db:"body"`
	Date string `json:"date" db:"-"`
	// Answer is the station's answer, "" until it gives one.
	Answer string `json:"answer" db:"answer"`
}

// maxShared is how many shares, newest first, a station's list holds.
const maxShared = 50

// Shared lists the tips shared with a station officer's station (none for other roles: they
// read the tips themselves).
func Shared(app core.App, officer *core.Record) ([]SharedTip, error) {
	out := []SharedTip{}
	sc := scope.Of(officer)
	if sc.Role != schema.RoleStation || !sc.Valid() {
		return out, nil
	}
	var rows []struct {
		SharedTip
		Created string `db:"created"`
	}
	err := app.DB().Select("s.id", "s.body", "s.created", "COALESCE((SELECT a.body FROM "+schema.Followups+
		" a WHERE a.ref = s.id ORDER BY a.created LIMIT 1), '') AS answer").
		From(schema.Followups + " s").
		Where(dbx.And(dbx.HashExp{"s.station": sc.ID, "s.action": schema.ActionShare}, dbx.NewExp("s.station != ''"))).
		OrderBy("s.created DESC").Limit(maxShared).All(&rows)
	if err != nil {
		return nil, err
	}
	l, err := newListing(app, officer, Filter{})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		r.SharedTip.Date = l.date(r.Created) // the date only, as a station sees every time
		out = append(out, r.SharedTip)
	}
	return out, nil
}

// AnswerShared records a station's answer to a tip shared with it: a note on the tip, by the
// station's officer, pointing at the share. A share of another station is ErrNotFound.
func AnswerShared(app core.App, officer *core.Record, shareID, body string) error {
	sc := scope.Of(officer)
	body = strings.TrimSpace(body)
	if body == "" {
		return validation.Errors{"body": words.FieldError("body_required", words.T(officer.GetString("lang"), "error.body_required"))}
	}
	share, err := app.FindRecordById(schema.Followups, shareID)
	if err != nil || sc.Role != schema.RoleStation || !sc.Valid() ||
		share.GetString("action") != schema.ActionShare || share.GetString("station") != sc.ID {
		return ErrNotFound
	}
	collection, err := app.FindCachedCollectionByNameOrId(schema.Followups)
	if err != nil {
		return err
	}
	note := core.NewRecord(collection)
	note.Load(map[string]any{"feedback": share.GetString("feedback"), "author": officer.Id, "kind": schema.FollowupNote,
		"action": schema.ActionNote, "body": body, "ref": share.Id})
	return app.Save(note)
}
