package console

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"anubhav/schema"
	"anubhav/words"
)

// Filter is what the inbox lists. The zero value lists everything of the scope.
type Filter struct {
	Station string // station id
	Area    string // area code (the dashboard's scope): a sub-division, district or range
	Status  string // a status, "open" (new or in review) or "" for all
	Kind    string
	Flag    string
	Rating  int
	From    string // YYYY-MM-DD, the district's local date, inclusive
	To      string
	Words   string // every word must be in the comment
	// Escalated: escalated to the officer's level; Overdue: overdue for review or action.
	Escalated bool
	Overdue   bool
	Mine      bool // assigned to the officer
	// Instructed: an instruction waits for the station's answer (experience items only).
	Instructed bool
	After      string // the id the previous page ended at
	Limit      int
}

// StatusOpen is the filter for items still waiting for the police.
const StatusOpen = "open"

// ParseFilter reads a filter from a query string, with an error per bad field in the
// officer's language.
func ParseFilter(q url.Values, lang string) (Filter, error) {
	f := Filter{Station: q.Get("station"), Area: q.Get("area"), Status: q.Get("status"), Kind: q.Get("kind"), Flag: q.Get("flag"),
		From: q.Get("from"), To: q.Get("to"), Words: strings.TrimSpace(q.Get("q")), After: q.Get("after"),
		Escalated: q.Get("escalated") == "1", Overdue: q.Get("overdue") == "1", Mine: q.Get("mine") == "1",
		Instructed: q.Get("instructed") == "1"}
	errs := validation.Errors{}
	oneOf := func(field, v string, allowed []string) {
		if v != "" && !slices.Contains(allowed, v) {
			errs[field] = words.FieldError("invalid_"+field, words.T(lang, "console.bad_value", "value", v))
		}
	}
	// a switch is "1" or absent ("0" too): "true" or "yes" would be read as off, and an export
	// would then hold more than the officer meant
	for _, field := range []string{"escalated", "overdue", "mine", "instructed"} {
		oneOf(field, q.Get(field), []string{"0", "1"})
	}
	oneOf("status", f.Status, append([]string{StatusOpen}, schema.Statuses...))
	oneOf("kind", f.Kind, schema.FeedbackKinds)
	oneOf("flag", f.Flag, schema.Flags)
	if v := q.Get("rating"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 5 {
			errs["rating"] = words.FieldError("invalid_rating", words.T(lang, "console.bad_rating"))
		} else {
			f.Rating = n
		}
	}
	for field, v := range map[string]string{"from": f.From, "to": f.To} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			errs[field] = words.FieldError("invalid_date", words.T(lang, "console.bad_date"))
		}
	}
	if errs["from"] == nil && errs["to"] == nil && f.From != "" && f.To != "" && f.From > f.To {
		errs["from"] = words.FieldError("from_after_to", words.T(lang, "dashboard.error.from_after_to"))
	}
	f.Limit = DefaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			errs["limit"] = words.FieldError("invalid_limit", words.T(lang, "console.bad_limit", "max", MaxLimit))
		}
		f.Limit = n
	}
	if len(errs) > 0 {
		return f, errs
	}
	return f, nil
}
