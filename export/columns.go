// Package export takes an officer's inbox out to a spreadsheet: GET /api/console/export.csv
// and export.xlsx, with the inbox's filters (console.ParseFilter), the officer's scope, the
// columns its role may see and labels in its language. Rows are read a batch at a time and
// written as they come; docs/CONSOLE.md says what officers see.
package export

import (
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/scope"
	"anubhav/submission"
	"anubhav/words"
)

// day and moment are the cells that spreadsheets keep as dates: a day, or a day and a time
// of day (which only a role that may know the time gets).
type (
	day    time.Time
	moment time.Time
)

// column is one column of an export: its label in the officer's language and its cell (a
// string, an int, a day, a moment, or nil for an empty cell).
type column struct {
	label string
	cell  func(e *console.Exported) any
}

// columns are the columns an officer's role may see, in its language: the item, one column
// per active question asked of the kinds it sees, and the contact where it was asked for.
func columns(app core.App, sc scope.Scope, lang string, contacts bool) ([]column, error) {
	t := func(key string) string { return words.T(lang, key) }
	// to the minute, as both files show it: a spreadsheet rounds the seconds a CSV cuts off
	received := column{t("export.received"), func(e *console.Exported) any { return moment(e.At.Truncate(time.Minute)) }}
	if !sc.SeesTimeOfDay() {
		received = column{t("console.date"), func(e *console.Exported) any { return day(e.At) }}
	}
	cols := []column{
		{t("console.ref"), func(e *console.Exported) any { return e.Ref }},
		received,
		{t("export.station_code"), func(e *console.Exported) any { return e.Station.Code }},
		{t("word.station"), func(e *console.Exported) any { return words.Name(lang, e.Station.NameHi, e.Station.Name) }},
	}
	if sc.SeesComplaints() {
		cols = append(cols, column{t("console.kind"), func(e *console.Exported) any { return t("kind." + e.Kind) }})
	}
	cols = append(cols,
		column{t("console.channel"), func(e *console.Exported) any { return t("channel." + e.Channel) }},
		column{t("console.status"), func(e *console.Exported) any { return t("status." + e.Status) }},
		column{t("export.flags"), func(e *console.Exported) any {
			said := make([]string, len(e.Flags))
			for i, f := range e.Flags {
				said[i] = t("flag." + f)
			}
			return strings.Join(said, ", ")
		}},
		column{t("export.assigned"), func(e *console.Exported) any { return e.AssignedName }},
	)
	questions, err := submission.Questionnaire(app)
	if err != nil {
		return nil, err
	}
	kinds := console.Kinds(sc)
	for _, q := range questions {
		if !asked(q, kinds) {
			continue
		}
		cols = append(cols, column{words.Name(lang, q.LabelHi, q.LabelEn), answer(q, lang)})
	}
	if contacts && sc.SeesContacts() {
		cols = append(cols,
			column{t("export.contact_name"), func(e *console.Exported) any {
				return contactPart(e, func(c *console.Contact) string { return c.Name })
			}},
			column{t("export.contact_mobile"), func(e *console.Exported) any {
				return contactPart(e, func(c *console.Contact) string { return c.Mobile })
			}},
		)
	}
	return cols, nil
}

func asked(q submission.Question, kinds []string) bool {
	for _, k := range kinds {
		if q.AskedFor(k) {
			return true
		}
	}
	return false
}

func contactPart(e *console.Exported, part func(*console.Contact) string) any {
	if e.Contact == nil {
		return nil
	}
	return part(e.Contact)
}

// answer is a question's cell: the item's own rating, visit date and comment, or its answer
// as a number (ratings), a day (dates), or words in the officer's language (yes/no, choices).
func answer(q submission.Question, lang string) func(e *console.Exported) any {
	switch q.Key {
	case submission.KeyRating:
		return func(e *console.Exported) any { return rating(e.Rating) }
	case submission.KeyVisitDate:
		return func(e *console.Exported) any { return date(e.VisitDate) }
	case submission.KeyComment:
		return func(e *console.Exported) any { return e.Comment }
	}
	return func(e *console.Exported) any {
		v, ok := e.Answers[q.Key]
		if !ok || v == nil || v == "" {
			return nil
		}
		switch q.Type {
		case submission.TypeRating:
			if n, ok := v.(float64); ok {
				return rating(int(n))
			}
		case submission.TypeDate:
			if s, ok := v.(string); ok {
				return date(s)
			}
		case submission.TypeYesNo:
			if v == "yes" || v == "no" {
				return words.T(lang, "answer."+v.(string))
			}
		case submission.TypeChoice:
			for _, o := range q.Options {
				if o.Value == v {
					return words.Name(lang, o.LabelHi, o.LabelEn)
				}
			}
		}
		return toString(v)
	}
}

func rating(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// date is a stored YYYY-MM-DD as a day cell; anything else stays the text it is.
func date(s string) any {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return day(d)
}
