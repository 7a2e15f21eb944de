package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/spreadsheet"
	"anubhav/words"
)

// Index is /stats: the districts that publish their results (a range's appliance may serve
// several); the "not found" page while none does.
func Index(e *core.RequestEvent) error {
	all, err := Published(e.App)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return pages.NotFound(e)
	}
	b := pages.NewBase(e, "")
	b.Title = words.T(b.Lang, "stats.title")
	return pages.Render(e, http.StatusOK, "stats_index.html", struct {
		pages.Base
		Districts []District
	}{b, all})
}

// asked reads the district and month of a request: ErrNotPublished for a district that does
// not publish (or does not exist) and for a month that is not published.
func asked(e *core.RequestEvent, now time.Time) (*Results, error) {
	d, err := Find(e.App, e.Request.PathValue("district"))
	if err != nil {
		return nil, err
	}
	cfg, err := appconfig.Get(e.App)
	if err != nil {
		return nil, err
	}
	month, ok := ParseMonth(e.Request.URL.Query().Get("month"), now, cfg.Location)
	if !ok {
		return nil, ErrNotPublished
	}
	return Compute(e.App, d, month)
}

// monthChoice is a month the page's picker offers.
type monthChoice struct {
	Value, Label string
	Chosen       bool
}

// view is the page of a district's month.
type view struct {
	pages.Base
	*Results
	Heading, MonthLabel, Month string
	Months                     []monthChoice
	Shown                      []Row
	MinResponses               int
}

// Page is /stats/{district}?month=YYYY-MM (the last complete month without one).
func Page(e *core.RequestEvent) error {
	now := time.Now()
	r, err := asked(e, now)
	if errors.Is(err, ErrNotPublished) {
		return pages.NotFound(e)
	}
	if err != nil {
		return err
	}
	v := view{Base: pages.NewBase(e, ""), Results: r, Month: r.Month.Format("2006-01"), MinResponses: MinResponses}
	v.Heading = words.Name(v.Lang, r.District.NameHi, r.District.Name)
	v.MonthLabel = monthName(v.Lang, r.Month)
	v.Title = words.T(v.Lang, "stats.page_title", "district", v.Heading, "month", v.MonthLabel)
	// the language switch keeps the month
	v.Keep = url.Values{"month": {v.Month}}
	for _, m := range Months(now, r.Month.Location()) {
		value := m.Format("2006-01")
		v.Months = append(v.Months, monthChoice{value, monthName(v.Lang, m), value == v.Month})
	}
	v.Shown = r.InOrder(v.Lang)
	return pages.Render(e, http.StatusOK, "stats.html", v)
}

func monthName(lang string, m time.Time) string {
	return words.T(lang, "stats.month_name", "month", words.T(lang, "month."+strconv.Itoa(int(m.Month()))), "year", m.Year())
}

// dash stands on the page for a number there is none of (no rating, no reply).
const dash = "–"

// RatingText is the average rating to one place, for the page.
func (r Row) RatingText() string { return number(r.Rating, 1, dash) }

// SolvedText is the share of problems solved in per cent, for the page.
func (r Row) SolvedText() string {
	if r.SolvedShare == nil {
		return dash
	}
	return fmt.Sprintf("%.0f%%", math.Round(*r.SolvedShare*100))
}

// DaysText is the median days to a reply to one place, for the page.
func (r Row) DaysText() string { return number(r.MedianDays(), 1, dash) }

// number says x to the given places, or none.
func number(x *float64, places int, none string) string {
	if x == nil {
		return none
	}
	return strconv.FormatFloat(*x, 'f', places, 64)
}

// Columns of the open data, documented in README.md ("The public page").
var Columns = []string{"month", "level", "code", "name", "name_hi", "responses", "average_rating",
	"problem_solved_share", "median_days_to_reply"}

// CSV is /stats/{district}/data.csv?month=YYYY-MM: the page's figures as open data, the
// district's line first (where shown), then each station shown, by code; stations left out on
// the page are left out here.
func CSV(e *core.RequestEvent) error {
	r, err := asked(e, time.Now())
	if errors.Is(err, ErrNotPublished) {
		return pages.NotFound(e)
	}
	if err != nil {
		return err
	}
	month := r.Month.Format("2006-01")
	h := e.Response.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="anubhav-%s-%s.csv"`, r.District.Code, month))
	h.Set("Cache-Control", "no-store")
	e.Response.WriteHeader(http.StatusOK)
	// a byte-order mark, so that Excel reads the Hindi names as UTF-8
	if _, err := e.Response.Write([]byte("\uFEFF")); err != nil {
		return err
	}
	w := csv.NewWriter(e.Response)
	_ = w.Write(Columns)
	line := func(level string, row Row) {
		_ = w.Write([]string{month, level, row.Code, spreadsheet.Neutral(row.Name), spreadsheet.Neutral(row.NameHi), strconv.Itoa(row.Responses),
			number(row.Rating, 2, ""), number(row.SolvedShare, 2, ""), number(row.MedianDays(), 2, "")})
	}
	if r.Total != nil {
		line("district", *r.Total)
	}
	for _, s := range r.Stations {
		line("station", s)
	}
	w.Flush()
	return w.Error()
}
