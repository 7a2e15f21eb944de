package dashboard

// The dashboard's reads: each one query on the rollups (package rollups), whose keys lead
// with the unit, then the day (counters) or the measure and day (counts).

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/rollups"
	"anubhav/schema"
)

// dayRow is one day's counters of one kind and channel, at the unit shown.
type dayRow struct {
	Day, Kind, Channel                      string
	Items, Spam, Rated, RatingSum, Negative int
}

// unitRow is one unit's counters over the period (Current) or the previous one.
type unitRow struct {
	Unit                              string
	Current                           bool
	Items, Rated, RatingSum, Negative int
}

// waitingRow is one unit's items of one day still new or in review now.
type waitingRow struct {
	Unit, Day               string
	StatusNew, StatusReview int
}

// countRow is one unit's count of one measure's value over the period.
type countRow struct {
	Unit, Measure, Value string
	N                    int
}

// reader reads the rollups for one request.
type reader struct {
	app core.App
	r   *request
}

func (rd reader) days(from, to string) dbx.Expression {
	return dbx.Between("day", from, to)
}

// kinds narrows to experience items for a station officer, and for the public figures.
func (rd reader) kinds(q *dbx.SelectQuery) *dbx.SelectQuery {
	if rd.r.experienceOnly() {
		return q.AndWhere(dbx.HashExp{"kind": schema.KindExperience})
	}
	return q
}

// series is the unit's counters per day, kind and channel over both periods.
func (rd reader) series() ([]dayRow, error) {
	var rows []dayRow
	q := rd.app.DB().Select("day", "kind", "channel", "sum(items) AS items", "sum(spam) AS spam", "sum(rated) AS rated",
		"sum(rating_sum) AS rating_sum", "sum(negative) AS negative").From(rollups.Counters).
		Where(dbx.HashExp{"unit": rd.r.unit.ID}).AndWhere(rd.days(date(rd.r.prevFrom), date(rd.r.to))).
		GroupBy("day", "kind", "channel")
	return rows, rd.kinds(q).All(&rows)
}

// byUnit is each unit's counters over the period and over the previous one.
func (rd reader) byUnit(units []string) ([]unitRow, error) {
	var rows []unitRow
	if len(units) == 0 {
		return rows, nil
	}
	q := rd.app.DB().Select("unit", "(day >= {:from}) AS current", "sum(items) AS items", "sum(rated) AS rated",
		"sum(rating_sum) AS rating_sum", "sum(negative) AS negative").From(rollups.Counters).
		Where(dbx.In("unit", anys(units)...)).AndWhere(rd.days(date(rd.r.prevFrom), date(rd.r.to))).
		GroupBy("unit", "current").Bind(dbx.Params{"from": date(rd.r.from)})
	return rows, rd.kinds(q).All(&rows)
}

// waiting is what the units hold still new or in review now, by day of arrival (deadlines
// fall at the start of a local day, so the day tells whether an item is overdue).
func (rd reader) waiting(units []string) ([]waitingRow, error) {
	var rows []waitingRow
	q := rd.app.DB().Select("unit", "day", "sum(status_new) AS status_new", "sum(status_review) AS status_review").
		From(rollups.Counters).Where(dbx.In("unit", anys(units)...)).
		AndWhere(dbx.NewExp("(status_new != 0 OR status_review != 0)")).GroupBy("unit", "day")
	return rows, rd.kinds(q).All(&rows)
}

// counts is the units' counts of some measures over the period. They are added up here, not
// by a GROUP BY: the rows come in key order (unit, measure, day, …), and SQLite would sort
// them all to group by value across the days.
func (rd reader) counts(units, measures []string) ([]countRow, error) {
	q := rd.app.DB().Select("unit", "measure", "value", "n").From(rollups.Counts).
		Where(dbx.In("unit", anys(units)...)).AndWhere(dbx.In("measure", anys(measures)...)).
		AndWhere(rd.days(date(rd.r.from), date(rd.r.to)))
	rows, err := rd.kinds(q).Build().Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sums := map[countRow]int{}
	for rows.Next() {
		var k countRow
		var n int
		if err := rows.Scan(&k.Unit, &k.Measure, &k.Value, &n); err != nil {
			return nil, err
		}
		sums[k] += n
	}
	out := make([]countRow, 0, len(sums))
	for k, n := range sums {
		k.N = n
		out = append(out, k)
	}
	return out, rows.Err()
}

// answers is the unit's answer counts over the period.
func (rd reader) answers() ([]countRow, error) {
	var rows []countRow
	q := rd.app.DB().Select("measure", "value", "sum(n) AS n").From(rollups.Counts).
		Where(dbx.HashExp{"unit": rd.r.unit.ID}).
		AndWhere(dbx.NewExp("measure >= {:q0} AND measure < {:q1}", dbx.Params{"q0": rollups.Answer, "q1": "q/"})).
		AndWhere(rd.days(date(rd.r.from), date(rd.r.to))).GroupBy("measure", "value").Having(dbx.NewExp("sum(n) > 0"))
	return rows, rd.kinds(q).All(&rows)
}

// topTexts is a text question's most given answers over the period.
func (rd reader) topTexts(key string, limit int) ([]countRow, error) {
	var rows []countRow
	err := rd.app.DB().Select("value", "sum(n) AS n").From(rollups.Counts).
		Where(dbx.HashExp{"unit": rd.r.unit.ID, "measure": rollups.Answer + key}).
		AndWhere(rd.days(date(rd.r.from), date(rd.r.to))).GroupBy("value").Having(dbx.NewExp("sum(n) > 0")).
		OrderBy("n DESC", "value").Limit(int64(limit)).All(&rows)
	return rows, err
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
