package console

import (
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/appconfig"
	"anubhav/deadlines"
	"anubhav/schema"
	"anubhav/scope"
)

// Escalation. An item waits for action (status new or in review) at its station first. Once
// it is overdue for action (the district's action days), it is escalated to the
// sub-division; after twice the action days, to the district. An item of a station with no
// sub-division goes straight to the district. An escalated item shows, flagged, in the inbox
// of the level it reached (and above: the range sees what reached the district), and the
// inbox's "escalated" filter lists exactly those. Praise (deadlines.Praise) needs no action and
// is never escalated.

// Levels an item can be escalated to.
const (
	LevelNone        = ""
	LevelSubdivision = schema.RoleSubdivision
	LevelDistrict    = schema.RoleDistrict
)

// EscalationLevel is the level an open item has reached.
func EscalationLevel(cfg *appconfig.Config, status string, created time.Time, hasSubdivision bool, now time.Time) string {
	if status != schema.StatusNew && status != schema.StatusInReview {
		return LevelNone
	}
	once, twice := escalationDue(cfg, now)
	switch {
	case created.Before(twice), !hasSubdivision && created.Before(once):
		return LevelDistrict
	case created.Before(once):
		return LevelSubdivision
	}
	return LevelNone
}

// EscalatedTo says whether an item escalated to a level shows as escalated to a viewer.
func EscalatedTo(sc scope.Scope, level string) bool {
	switch sc.Role {
	case schema.RoleSubdivision:
		return level != LevelNone
	case schema.RoleDistrict, schema.RoleRange:
		return level == LevelDistrict
	}
	return false
}

// escalatedFor selects (on the feedback table aliased as given) the items escalated to the
// viewer's level, as EscalatedTo does for one item.
func escalatedFor(alias string, sc scope.Scope, cfgs []*appconfig.Config, now time.Time) dbx.Expression {
	return dbx.And(dbx.In(alias+".status", schema.AwaitingAny()...), deadlines.NeedsAction(alias), escalationBound(alias, sc, cfgs, now))
}

// escalationBound is the age at which an open item is escalated to the viewer's level.
func escalationBound(alias string, sc scope.Scope, cfgs []*appconfig.Config, now time.Time) dbx.Expression {
	once := deadlines.Before(alias, "escOnce", cfgs, func(c *appconfig.Config) time.Time { once, _ := escalationDue(c, now); return once })
	twice := deadlines.Before(alias, "escTwice", cfgs, func(c *appconfig.Config) time.Time { _, twice := escalationDue(c, now); return twice })
	switch sc.Role {
	case schema.RoleSubdivision:
		return once
	case schema.RoleDistrict, schema.RoleRange:
		// (the + keeps SQLite from answering the OR with a union over two indexes, which
		// reads every open item of every district without a sub-division)
		return dbx.And(once, dbx.Or(twice, dbx.NewExp("+"+alias+".subdivision = ''")))
	}
	return dbx.NewExp("0")
}

// escalationDue: items that arrived before the first time are escalated once, before the
// second twice.
func escalationDue(cfg *appconfig.Config, now time.Time) (once, twice time.Time) {
	return deadlines.ActionDue(cfg, now), deadlines.DaysAgo(cfg, now, 2*cfg.ActionDays)
}

// now is the clock of the deadlines.
var now = time.Now
