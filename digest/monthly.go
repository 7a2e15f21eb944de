package digest

import (
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/report"
	"anubhav/schema"
	"anubhav/words"
)

// Monthly is the part of the digest sent on the first of a month that links the month
// before's printable report (the console's Reports screen, on the officer's own area).
type Monthly struct {
	Title, Link string
}

// monthly is the part for a digest of day: nil unless day is a month's last (the digest goes
// out on the first), and for all but the SP's office and the range (who hold the monthly
// meeting).
func monthly(app core.App, officer *core.Record, d *Digest) (*Monthly, error) {
	role := officer.GetString("role")
	if d.Day.Start.AddDate(0, 0, 1).Day() != 1 || (role != schema.RoleDistrict && role != schema.RoleRange) {
		return nil, nil
	}
	area, err := app.FindRecordById(schema.Areas, officer.GetString("area"))
	if err != nil {
		return nil, err
	}
	month := time.Date(d.Day.Start.Year(), d.Day.Start.Month(), 1, 0, 0, 0, 0, d.Day.Start.Location())
	q := url.Values{"month": {month.Format("2006-01")}, "area": {area.GetString("code")}}
	return &Monthly{Title: words.T(d.Lang, "digest.monthly", "month", report.MonthName(d.Lang, month)),
		Link: d.ConsoleURL() + "#/reports?" + q.Encode()}, nil
}
