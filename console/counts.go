package console

import (
	"github.com/pocketbase/dbx"

	"anubhav/schema"
)

// counts counts, each up to CountCap, the items per status under the filter's scope, station
// and dates, and what needs attention in the officer's whole scope (for a station, also what
// waits for its answer to an instruction).
func (l *listing) counts(base, whole dbx.Expression) (map[string]Count, map[string]Count, error) {
	byStatus := map[string]Count{}
	for _, s := range schema.Statuses {
		c, err := l.count(dbx.And(base, dbx.HashExp{"f.status": s}))
		if err != nil {
			return nil, nil, err
		}
		byStatus[s] = c
	}
	attention := map[string]Count{}
	openItems := dbx.In("f.status", schema.AwaitingAny()...)
	conds := map[string]dbx.Expression{
		"urgent":    dbx.And(openItems, urgent),
		"overdue":   overdue(l.cfgs, l.now),
		"escalated": escalatedFor("f", l.sc, l.cfgs, l.now),
		"mine":      dbx.And(openItems, assignedTo(l.officer.Id)),
	}
	if !l.sc.SeesComplaints() {
		// the station's to-do, counted for it alone: over a district's open items the
		// subquery would cost a third of the page's budget
		conds["instructed"] = instructed
	}
	for name, cond := range conds {
		c, err := l.count(dbx.And(whole, cond))
		if err != nil {
			return nil, nil, err
		}
		attention[name] = c
	}
	return byStatus, attention, nil
}

func (l *listing) count(cond dbx.Expression) (Count, error) {
	var n int
	inner := l.app.DB().Select("f.id").From(schema.Feedback + " f").Where(cond).Limit(CountCap + 1).Build()
	err := l.app.DB().NewQuery("SELECT COUNT(*) FROM (" + inner.SQL() + ")").Bind(inner.Params()).Row(&n)
	if n > CountCap {
		return Count{N: CountCap, More: true}, err
	}
	return Count{N: n}, err
}
