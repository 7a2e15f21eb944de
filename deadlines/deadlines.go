// Package deadlines says when an item is overdue: it must be reviewed within the district's
// review days and acted on within its action days (appconfig), counted from its arrival.
package deadlines

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/schema"
)

// Open statuses still wait for the police; action_taken, closed and spam do not.
var (
	awaitingReview = []any{schema.StatusNew}
	awaitingAction = []any{schema.StatusNew, schema.StatusInReview}
)

// ReviewDue is the arrival time before which a still-new item is overdue for review.
func ReviewDue(cfg *appconfig.Config, now time.Time) time.Time {
	return now.Add(-time.Duration(cfg.ReviewDays) * 24 * time.Hour)
}

// ActionDue is the arrival time before which an item without action is overdue.
func ActionDue(cfg *appconfig.Config, now time.Time) time.Time {
	return now.Add(-time.Duration(cfg.ActionDays) * 24 * time.Hour)
}

// OverdueForReview selects items (of the feedback table, aliased as given or "") still new
// after the review days.
func OverdueForReview(alias string, cfg *appconfig.Config, now time.Time) dbx.Expression {
	return overdue(alias, "reviewDue", awaitingReview, ReviewDue(cfg, now))
}

// OverdueForAction selects items without action after the action days.
func OverdueForAction(alias string, cfg *appconfig.Config, now time.Time) dbx.Expression {
	return overdue(alias, "actionDue", awaitingAction, ActionDue(cfg, now))
}

// overdue names its parameter after the deadline, so that both conditions can be combined in
// one query (dbx merges parameters by name).
func overdue(alias, param string, statuses []any, before time.Time) dbx.Expression {
	prefix := ""
	if alias != "" {
		prefix = alias + "."
	}
	return dbx.And(
		dbx.In(prefix+"status", statuses...),
		dbx.NewExp(prefix+"created < {:"+param+"}", dbx.Params{param: before.UTC().Format(types.DefaultDateLayout)}),
	)
}

// Overdue reports, for one item, whether it is overdue for review and for action.
func Overdue(status string, created, now time.Time, cfg *appconfig.Config) (review, action bool) {
	review = status == schema.StatusNew && created.Before(ReviewDue(cfg, now))
	action = (status == schema.StatusNew || status == schema.StatusInReview) && created.Before(ActionDue(cfg, now))
	return review, action
}
