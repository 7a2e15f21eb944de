package report

import (
	"embed"
	"encoding/base64"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"time"

	"anubhav/dashboard"
	"anubhav/words"
)

//go:embed templates/report.html
var templateFS embed.FS

// say are the document's own template functions; the catalog's (words.Funcs) say the words.
var say = map[string]any{
	// one place: a rating or a score; "–" for none
	"one": func(v *float64) string {
		if v == nil {
			return "–"
		}
		return strconv.FormatFloat(*v, 'f', 1, 64)
	},
	// a share as whole per cent
	"pct": func(v *float64) string {
		if v == nil {
			return "–"
		}
		return strconv.Itoa(int(*v*100+0.5)) + "%"
	},
	// a change of score with its sign as a shape too, not by colour alone
	"change": func(v *float64) string {
		switch {
		case v == nil:
			return "–"
		case *v >= 0.05:
			return "▲ +" + strconv.FormatFloat(*v, 'f', 1, 64)
		case *v <= -0.05:
			return "▼ " + strconv.FormatFloat(*v, 'f', 1, 64)
		}
		return "= 0.0"
	},
	"hours": func(lang string, v *float64) string {
		if v == nil {
			return "–"
		}
		return words.T(lang, "console.dash_hours", "n", strconv.FormatFloat(*v, 'f', 0, 64))
	},
	"monthName": MonthName,
	"inc":       func(i int) int { return i + 1 },
}

var page = template.Must(template.New("report.html").Funcs(words.Funcs).Funcs(say).ParseFS(templateFS, "templates/report.html"))

// document is what the template reads: the report and its fonts' CSS, inlined.
type document struct {
	*Report
	FontCSS template.CSS
}

// Title is the document's title, also the name its files get in the browser.
func (r *Report) Title() string {
	return words.T(r.Lang, "report.title") + " · " + r.UnitName(r.Unit) + " · " + MonthName(r.Lang, r.Month)
}

// UnitName names an area or a station in the report's language.
func (r *Report) UnitName(u dashboard.Unit) string { return words.Name(r.Lang, u.NameHi, u.Name) }

// LeagueTitle names the league by the level it ranks.
func (r *Report) LeagueTitle() string { return words.T(r.Lang, "console.dash_league_"+r.League.Level) }

// Render writes the report as one HTML file that needs nothing else: the fonts in fonts (the
// vendored pb_public/fonts) go into its CSS as data: addresses, so that a copy saved to disk
// prints its Hindi shaped right on a machine without them.
func (r *Report) Render(w io.Writer, fonts fs.FS) error {
	css, err := inlineFonts(fonts)
	if err != nil {
		return err
	}
	return page.Execute(w, document{r, template.CSS(css)})
}

var fontURL = regexp.MustCompile(`url\(([\w.-]+\.woff2)\)`)

// inlineFonts is the fonts' stylesheet with each font file in it as a data: address.
func inlineFonts(fonts fs.FS) (string, error) {
	css, err := fs.ReadFile(fonts, "noto-sans-devanagari.css")
	if err != nil {
		return "", err
	}
	var ferr error
	out := fontURL.ReplaceAllFunc(css, func(m []byte) []byte {
		b, err := fs.ReadFile(fonts, string(fontURL.FindSubmatch(m)[1]))
		if err != nil {
			ferr = err
			return m
		}
		return []byte("url(data:font/woff2;base64," + base64.StdEncoding.EncodeToString(b) + ")")
	})
	return string(out), ferr
}

// MonthName says a month and its year, e.g. "दिसंबर 2026".
func MonthName(lang string, t time.Time) string {
	return words.T(lang, "report.month", "month", words.T(lang, "month."+strconv.Itoa(int(t.Month()))), "year", t.Year())
}
