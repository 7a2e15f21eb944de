package digest

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"strings"
	texttemplate "text/template"

	"anubhav/schema"
	"anubhav/smtpmail"
	"anubhav/words"
)

//go:embed templates
var templateFS embed.FS

// rating says an average rating or a score, signed a change of one; the catalog's functions
// (words.Funcs) say the rest.
var rating = map[string]any{"rating": func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }, "signed": signed}

var (
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Funcs(words.Funcs).Funcs(rating).ParseFS(templateFS, "templates/*.html"))
	textTemplates = texttemplate.Must(texttemplate.New("").Funcs(words.Funcs).Funcs(rating).ParseFS(templateFS, "templates/*.txt"))
)

// Render turns a digest into its mail.
func Render(d *Digest) (smtpmail.Message, error) {
	m := smtpmail.Message{To: d.Email, Name: d.OfficerName, Subject: d.Subject()}
	err := m.Render(htmlTemplates, textTemplates, "digest", d)
	return m, err
}

// Subject says the day and what needs action.
func (d *Digest) Subject() string {
	l := d.Lang
	s := words.T(l, "digest.subject", "campaign", d.Campaign, "date", words.Date(l, d.Day.Start), "n", d.Total.Responses)
	var need []string
	if d.Total.Urgent > 0 {
		need = append(need, words.T(l, "digest.count_urgent", "n", d.Total.Urgent))
	}
	if d.Total.Negative > 0 {
		need = append(need, words.T(l, "digest.count_negative", "n", d.Total.Negative))
	}
	if d.OverdueAny > 0 {
		need = append(need, words.T(l, "digest.count_overdue", "n", d.OverdueAny))
	}
	if len(need) == 0 {
		return s + "; " + words.T(l, "digest.nothing")
	}
	return s + "; " + words.T(l, "digest.needs", "list", strings.Join(need, ", "))
}

// SeesComplaints is whether the digest may speak of complaints and tip-offs at all.
func (d *Digest) SeesComplaints() bool { return d.Role != schema.RoleStation }

// Trend is the day's average rating against the seven days before, e.g. "+0.4".
func (d *Digest) Trend() string {
	if d.Total.Rated == 0 || d.Week.Rated == 0 {
		return ""
	}
	return signed(d.Total.Average() - d.Week.Average())
}

// signed says a difference to one place with its sign, "±0.0" where it rounds to nothing.
func signed(diff float64) string {
	if diff > -0.05 && diff < 0.05 {
		return "±0.0"
	}
	return fmt.Sprintf("%+.1f", diff)
}

// MoreFlagged and MoreOverdue count the items the lists leave out.
func (d *Digest) MoreFlagged() int { return d.Total.Flagged - len(d.Flagged) }

func (d *Digest) MoreOverdue() int { return d.OverdueAny - len(d.Overdue) }

// When shows an item's arrival as the officer may see it: its day, and its time to those who
// may see it.
func (d *Digest) When(it Item) string {
	t := it.Created.In(d.Day.Start.Location())
	if !d.ShowTime {
		return words.Date(d.Lang, t)
	}
	return words.Date(d.Lang, t) + ", " + t.Format("15:04")
}

// ConsoleURL is the console's address.
func (d *Digest) ConsoleURL() string { return strings.TrimSuffix(d.consoleURL, "#/item/") }
