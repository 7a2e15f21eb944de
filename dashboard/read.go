package dashboard

// The dashboard's reads: each one query on the rollups (package rollups), whose keys lead
// with the unit, then the day (counters) or the measure and day (counts).

import (
	"cmp"
	"slices"
	"time"

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

// newReader applies the rollups' journal first, so that what the request reads is exact.
func newReader(app core.App, r *request) (reader, error) {
	return reader{app, r}, rollups.Fold(app)
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

// counts is the units' counts of some measures over the period.
func (rd reader) counts(units, measures []string) ([]countRow, error) {
	return rd.sumCounts(dbx.And(dbx.In("unit", anys(units)...), dbx.In("measure", anys(measures)...)))
}

// answers is the unit's answer counts over the period.
func (rd reader) answers() ([]countRow, error) {
	return rd.sumCounts(dbx.And(dbx.HashExp{"unit": rd.r.unit.ID},
		dbx.NewExp("measure >= {:q0} AND measure < {:q1}", dbx.Params{"q0": rollups.Answer, "q1": "q/"})))
}

// topTexts is a text question's most given answers over the period.
func (rd reader) topTexts(key string, limit int) ([]countRow, error) {
	rows, err := rd.sumCounts(dbx.HashExp{"unit": rd.r.unit.ID, "measure": rollups.Answer + key})
	slices.SortFunc(rows, func(a, b countRow) int { return cmp.Or(b.N-a.N, cmp.Compare(a.Value, b.Value)) })
	return rows[:min(limit, len(rows))], err
}

// sumCounts adds up the counts that match where over the period, per unit, measure and
// value; none is zero. The period's whole months are read from the month counts, its other
// days from the day counts. They are added up here, not by a GROUP BY: the rows come in key
// order (unit, measure, day, …), and SQLite would sort them all to group by value.
func (rd reader) sumCounts(where dbx.Expression) ([]countRow, error) {
	days, months := splitMonths(rd.r.from, rd.r.to)
	sums := map[countRow]int{}
	add := func(table, column string, from, to string) error {
		q := rd.app.DB().Select("unit", "measure", "value", "n").From(table).
			Where(where).AndWhere(dbx.Between(column, from, to))
		rows, err := rd.kinds(q).Build().Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k countRow
			var n int
			if err := rows.Scan(&k.Unit, &k.Measure, &k.Value, &n); err != nil {
				return err
			}
			sums[k] += n
		}
		return rows.Err()
	}
	for _, d := range days {
		if err := add(rollups.Counts, "day", d[0], d[1]); err != nil {
			return nil, err
		}
	}
	if months[0] != "" {
		if err := add(rollups.Months, "month", months[0], months[1]); err != nil {
			return nil, err
		}
	}
	out := make([]countRow, 0, len(sums))
	for k, n := range sums {
		if n != 0 {
			k.N = n
			out = append(out, k)
		}
	}
	return out, nil
}

// splitMonths splits the days from..to into the whole calendar months among them (first and
// last, "2006-01"; none: "") and the ranges of days before and after them.
func splitMonths(from, to time.Time) (days [][2]string, months [2]string) {
	firstWhole := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, from.Location())
	if !firstWhole.Equal(from) {
		firstWhole = firstWhole.AddDate(0, 1, 0)
	}
	// the first day after the last whole month
	end := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, to.Location())
	if to.AddDate(0, 0, 1).Day() == 1 {
		end = end.AddDate(0, 1, 0)
	}
	if !firstWhole.Before(end) {
		return [][2]string{{date(from), date(to)}}, months
	}
	if from.Before(firstWhole) {
		days = append(days, [2]string{date(from), date(firstWhole.AddDate(0, 0, -1))})
	}
	months = [2]string{firstWhole.Format("2006-01"), end.AddDate(0, -1, 0).Format("2006-01")}
	if end.Before(to) || end.Equal(to) {
		days = append(days, [2]string{date(end), date(to)})
	}
	return days, months
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
