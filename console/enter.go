package console

import (
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/scope"
	"anubhav/submission"
	"anubhav/words"
)

// NewItem is an item an officer enters on a citizen's behalf: the citizen's submission and the
// channel it came by.
type NewItem struct {
	submission.Input
	Channel string `json:"channel"`
}

// Enter stores an item received by phone, WhatsApp, video call, walk-in or email, with the
// same validation as the citizen's own form, in the officer's name; it returns the receipt
// for the officer to pass on. The station must be one of the officer's (ErrNotFound
// otherwise), and a station officer enters only experience feedback: complaints and
// tip-offs about a station never pass through it.
func Enter(app core.App, officer *core.Record, e NewItem) (string, error) {
	sc := scope.Of(officer)
	if !slices.Contains(EntryChannels(), e.Channel) {
		return "", submission.Errors{"channel": words.M("error.entry_channel")}
	}
	if !sc.SeesComplaints() && e.Kind != schema.KindExperience {
		return "", ErrForbidden
	}
	var n int
	err := app.DB().Select("COUNT(*)").From(schema.Stations).
		Where(dbx.And(sc.Stations(), dbx.HashExp{"code": e.Station})).Row(&n)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", ErrNotFound
	}
	return submission.Submit(app, e.Input, submission.Source{Channel: e.Channel, EnteredBy: officer.Id})
}
