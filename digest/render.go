package digest

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"

	"anubhav/schema"
	"anubhav/smtpmail"
)

//go:embed templates
var templateFS embed.FS

// Funcs are the template functions of Anubhav's mail: tr picks Hindi or English, the others
// show dates, kinds, statuses and ratings in the officer's language.
var Funcs = map[string]any{
	"tr":     tr,
	"date":   longDate,
	"when":   when,
	"kind":   kindLabel,
	"status": statusLabel,
	"rating": func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}

var (
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Funcs(Funcs).ParseFS(templateFS, "templates/*.html"))
	textTemplates = texttemplate.Must(texttemplate.New("").Funcs(Funcs).ParseFS(templateFS, "templates/*.txt"))
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
	s := fmt.Sprintf("%s %s, %s: %d %s", d.Campaign, tr(l, "रिपोर्ट", "digest"), longDate(l, d.Day.Start),
		d.Total.Responses, tr(l, "फ़ीडबैक", plural(d.Total.Responses, "response", "responses")))
	var need []string
	if d.Total.Urgent > 0 {
		need = append(need, fmt.Sprintf("%d %s", d.Total.Urgent, tr(l, "अति आवश्यक", "urgent")))
	}
	if d.Total.Negative > 0 {
		need = append(need, fmt.Sprintf("%d %s", d.Total.Negative, tr(l, "नकारात्मक", "negative")))
	}
	if d.OverdueAny > 0 {
		need = append(need, fmt.Sprintf("%d %s", d.OverdueAny, tr(l, "समय-सीमा पार", "overdue")))
	}
	if len(need) == 0 {
		return s + "; " + tr(l, "कोई कार्रवाई बाकी नहीं", "nothing needs action")
	}
	return s + "; " + tr(l, "ध्यान दें: ", "needs action: ") + strings.Join(need, ", ")
}

// SeesComplaints is whether the digest may speak of complaints and tip-offs at all.
func (d *Digest) SeesComplaints() bool { return d.Role != schema.RoleStation }

// Trend is the day's average rating against the seven days before, e.g. "+0.4".
func (d *Digest) Trend() string {
	if d.Total.Rated == 0 || d.Week.Rated == 0 {
		return ""
	}
	diff := d.Total.Average() - d.Week.Average()
	if diff > -0.05 && diff < 0.05 {
		return "±0.0"
	}
	return fmt.Sprintf("%+.1f", diff)
}

// MoreFlagged and MoreOverdue count the items the lists leave out.
func (d *Digest) MoreFlagged() int { return d.Total.Flagged - len(d.Flagged) }

func (d *Digest) MoreOverdue() int { return d.OverdueAny - len(d.Overdue) }

// When shows an item's arrival as the officer may see it.
func (d *Digest) When(it Item) string {
	return when(d.Lang, it.Created.In(d.Day.Start.Location()), d.ShowTime)
}

// ConsoleURL is the console's address.
func (d *Digest) ConsoleURL() string { return strings.TrimSuffix(d.consoleURL, "#/item/") }

func tr(lang, hi, en string) string {
	if lang == schema.LangEnglish {
		return en
	}
	return hi
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var hindiMonths = [...]string{"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"}

func longDate(lang string, t time.Time) string {
	if lang == schema.LangEnglish {
		return t.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), hindiMonths[t.Month()-1], t.Year())
}

func when(lang string, t time.Time, withTime bool) string {
	if !withTime {
		return longDate(lang, t)
	}
	return longDate(lang, t) + ", " + t.Format("15:04")
}

func kindLabel(lang, kind string) string {
	switch kind {
	case schema.KindComplaint:
		return tr(lang, "शिकायत", "complaint")
	case schema.KindTip:
		return tr(lang, "गुप्त सूचना", "tip-off")
	}
	return tr(lang, "अनुभव", "experience")
}

func statusLabel(lang, status string) string {
	switch status {
	case schema.StatusInReview:
		return tr(lang, "जाँच में", "in review")
	case schema.StatusActionTaken:
		return tr(lang, "कार्रवाई हुई", "action taken")
	case schema.StatusClosed:
		return tr(lang, "बंद", "closed")
	case schema.StatusSpam:
		return tr(lang, "स्पैम", "spam")
	}
	return tr(lang, "नया", "new")
}
