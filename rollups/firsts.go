package rollups

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// acting are the statuses that end the wait for action (deadlines.OverdueForAction).
var acting = []string{schema.StatusActionTaken, schema.StatusClosed, schema.StatusSpam}

// StampFirsts records on an item, from a follow-up just written, its first review (any status
// change after arrival), first action (action taken, closed or spam) and first public reply;
// a later one changes nothing. Call it in the follow-up's transaction.
func StampFirsts(app core.App, followup *core.Record) error {
	to := followup.GetString("to_status")
	firsts := map[string]bool{
		"reviewed_at": to != "" && to != schema.StatusNew,
		"acted_at":    slices.Contains(acting, to),
		"replied_at":  followup.GetString("kind") == schema.FollowupReply && followup.GetBool("public"),
	}
	item, err := app.FindRecordById(schema.Feedback, followup.GetString("feedback"))
	if err != nil {
		return err
	}
	changed := false
	for field, now := range firsts {
		if now && item.GetDateTime(field).IsZero() {
			item.Set(field, followup.GetDateTime("created"))
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return app.Save(item)
}
