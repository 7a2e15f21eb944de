// Package deadlines says when an item is overdue: it must be reviewed within its district's
// review days and acted on within its action days (appconfig). Praise (see Praise) needs no
// action, so it is never overdue. Deadlines fall at the start of
// a day in the district's time zone, counted from the day the item arrived, never at the hour
// it arrived: a mark that flipped at arrival + N days would tell a station the time of day of
// an item it may know only the date of.
package deadlines

import (
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/stamp"
)

// awaitingReview: only a new item waits for review; schema.Awaiting wait for action.
var awaitingReview = []any{schema.StatusNew}

// DaysAgo is the start of the local day n days before now's: an item that arrived before it
// is more than n days old. An item of Monday with one day to go is due by the end of Tuesday
// and overdue from Wednesday 00:00.
func DaysAgo(cfg *appconfig.Config, now time.Time, n int) time.Time {
	local := now.In(cfg.Location)
	return time.Date(local.Year(), local.Month(), local.Day()-n, 0, 0, 0, 0, cfg.Location)
}

// ReviewDue is the arrival time before which a still-new item is overdue for review.
func ReviewDue(cfg *appconfig.Config, now time.Time) time.Time {
	return DaysAgo(cfg, now, cfg.ReviewDays)
}

// ActionDue is the arrival time before which an item without action is overdue.
func ActionDue(cfg *appconfig.Config, now time.Time) time.Time {
	return DaysAgo(cfg, now, cfg.ActionDays)
}

// Praise is an experience item with a good rating (4 or 5), no negative answer and no urgent
// word: it asks nothing of the police, so it is never overdue nor escalated; the console
// acknowledges it, one by one or in bulk (docs/CONSOLE.md).
func Praise(kind string, rating int, flags []string) bool {
	return kind == schema.KindExperience && rating >= 4 &&
		!slices.Contains(flags, schema.FlagNegative) && !slices.Contains(flags, schema.FlagUrgent)
}

// NeedsAction selects the items that are not Praise (flags is a JSON list).
func NeedsAction(alias string) dbx.Expression {
	return dbx.NewExp("NOT ("+col(alias, "kind")+" = {:praiseKind} AND "+col(alias, "rating")+" >= 4 AND "+
		col(alias, "flags")+" NOT LIKE {:praiseNeg} AND "+col(alias, "flags")+" NOT LIKE {:praiseUrgent})",
		dbx.Params{"praiseKind": schema.KindExperience, "praiseNeg": `%"` + schema.FlagNegative + `"%`,
			"praiseUrgent": `%"` + schema.FlagUrgent + `"%`})
}

// OverdueForReview selects items (of the feedback table, aliased as given or "") still new
// after their district's review days; cfgs are the settings of the districts in question.
func OverdueForReview(alias string, cfgs []*appconfig.Config, now time.Time) dbx.Expression {
	return dbx.And(dbx.In(col(alias, "status"), awaitingReview...), NeedsAction(alias),
		Before(alias, "reviewDue", cfgs, func(c *appconfig.Config) time.Time { return ReviewDue(c, now) }))
}

// OverdueForAction selects items without action after their district's action days.
func OverdueForAction(alias string, cfgs []*appconfig.Config, now time.Time) dbx.Expression {
	return dbx.And(dbx.In(col(alias, "status"), schema.AwaitingAny()...), NeedsAction(alias),
		Before(alias, "actionDue", cfgs, func(c *appconfig.Config) time.Time { return ActionDue(c, now) }))
}

// Before selects the items that arrived before a time that depends on their district. Where
// all the districts agree (the usual case, and always within one district) it is one
// comparison that an index serves; otherwise a CASE on the district. The parameters are
// named after param, so that several such conditions can share one query (dbx merges
// parameters by name).
func Before(alias, param string, cfgs []*appconfig.Config, at func(*appconfig.Config) time.Time) dbx.Expression {
	created := col(alias, "created")
	if len(cfgs) == 0 {
		return dbx.NewExp("0")
	}
	first := stamp.DB(at(cfgs[0]))
	params := dbx.Params{param: first}
	cases := ""
	for i, c := range cfgs[1:] {
		t := stamp.DB(at(c))
		if t == first {
			continue
		}
		d, v := param+"D"+strconv.Itoa(i), param+"T"+strconv.Itoa(i)
		params[d], params[v] = c.District, t
		cases += " WHEN {:" + d + "} THEN {:" + v + "}"
	}
	if cases == "" {
		return dbx.NewExp(created+" < {:"+param+"}", params)
	}
	return dbx.NewExp(created+" < CASE "+col(alias, "district")+cases+" ELSE {:"+param+"} END", params)
}

// Overdue reports, for one item that is not Praise, whether it is overdue for review and for
// action; cfg is its district's settings.
func Overdue(status string, created, now time.Time, cfg *appconfig.Config) (review, action bool) {
	review = status == schema.StatusNew && created.Before(ReviewDue(cfg, now))
	action = (status == schema.StatusNew || status == schema.StatusInReview) && created.Before(ActionDue(cfg, now))
	return review, action
}

func col(alias, name string) string {
	if alias == "" {
		return name
	}
	return alias + "." + name
}
