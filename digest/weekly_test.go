package digest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// seedWeeks fills the week of Monday 9 to Sunday 15 June 2025 and the week before it, in d1:
// st-a falls from 5★ to 1★, st-b rises from 3★ to 4★, st-d holds at 4★. Ten 1★ at st-b on
// Monday 16 June, the next week, would make st-b fall if they were counted.
func seedWeeks(t *testing.T, app core.App, f *testapp.Fixture) {
	add := func(code string, n, rating int, date string, hour int) {
		for i := range n {
			testapp.Item(t, app, f.Stations[code], schema.KindExperience, rating, schema.ChannelQR, at(date, hour, i), nil)
		}
	}
	add("st-a", 10, 5, "2025-06-02", 0) // the week before, from its first minute
	add("st-b", 10, 3, "2025-06-04", 12)
	add("st-d", 5, 4, "2025-06-08", 23)
	add("st-a", 10, 1, "2025-06-09", 0) // the week
	add("st-b", 10, 4, "2025-06-12", 12)
	add("st-d", 5, 4, "2025-06-15", 23) // to its last minutes
	add("st-b", 10, 1, "2025-06-16", 0) // the week after
}

// Monday's digest (of Sunday 15 June) tells the district's and the range's officers the week
// before, from the dashboard's scores: st-a's fall, and the best half of the league, st-b
// then st-d, each with a link to its dashboard for the week; in each officer's language, in
// both parts of the mail as it reached a real SMTP server.
func TestMondaysDigestTellsTheWeek(t *testing.T) {
	app, f := testapp.New(t)
	seedWeeks(t, app, f)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	hindi := officer(t, app, testapp.IG)
	hindi.Set("lang", schema.LangHindi)
	if err := app.Save(hindi); err != nil {
		t.Fatal(err)
	}
	monday := at("2025-06-16", 8, 0)
	sendDue(t, app, monday)

	// The week's mean is (10×1 + 10×4 + 5×4)/25 = 2.8, each score (10×2.8 + sum)/(10 + n), the
	// week before's with the same prior: st-a 1.9 from 3.9, st-b 3.4 from 2.9, st-d 3.2 both.
	sunday, _ := digest.DayOf("2025-06-15", ist)
	d, err := digest.Build(app, officer(t, app, testapp.SP), sunday, monday)
	if err != nil {
		t.Fatal(err)
	}
	line := func(rs []digest.Ranked) (out []string) {
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s %d %.2f %+.2f", r.Name, r.Responses, r.Score, *r.Change))
		}
		return out
	}
	w := d.Weekly
	if w == nil || w.From.Format(time.DateOnly) != "2025-06-09" || w.To.Format(time.DateOnly) != "2025-06-15" ||
		!slices.Equal(line(w.Drops), []string{"Station st-a 10 1.90 -2.00"}) ||
		!slices.Equal(line(w.Best), []string{"Station st-b 10 3.40 +0.50", "Station st-d 5 3.20 +0.00"}) {
		t.Fatalf("weekly part %+v; want st-a's fall and st-b, st-d the best of 9 to 15 June", w)
	}

	link := func(code string) string {
		return app.Settings().Meta.AppURL + "/console/#/dashboard?from=2025-06-09&station=" + code + "&to=2025-06-15"
	}
	english := strings.Join([]string{
		"== Last week, Mon 9 Jun 2025 to Sun 15 Jun 2025 ==",
		"Biggest falls in score:",
		"* Station st-a: Score 1.9 (-2.0), Responses 10", "  " + link("st-a"),
		"Best scores:",
		"* Station st-b: Score 3.4 (+0.5), Responses 10", "  " + link("st-b"),
		"* Station st-d: Score 3.2 (±0.0), Responses 5", "  " + link("st-d"),
		"Score: the average rating with the area's mean counted as 10 extra ratings",
	}, "\r\n") // a mail's lines end in CRLF
	sp := smtp.To(testapp.SP)
	if len(sp) != 1 || !strings.Contains(sp[0].Text, english) {
		t.Fatalf("the SP's Monday digest lacks the week:\n%s", sp[0].Text)
	}
	html := `<a href="` + strings.ReplaceAll(link("st-a"), "&", "&amp;") + `" style="color:#1d4ed8">Station st-a</a></td><td align="right">1.9</td><td align="right">-2.0</td><td align="right">10</td>`
	if !strings.Contains(sp[0].HTML, "<h2 style=\"font-size:17px;margin:8px 0\">Last week, Mon 9 Jun 2025 to Sun 15 Jun 2025</h2>") ||
		!strings.Contains(sp[0].HTML, html) {
		t.Fatalf("the SP's HTML lacks the week or st-a's fall:\n%s", sp[0].HTML)
	}

	// The range's league takes in its stations at every depth: the same three here.
	hi := strings.Join([]string{
		"== पिछला सप्ताह, 9 जून 2025 से 15 जून 2025 तक ==",
		"जिन थानों के अंक सबसे ज़्यादा गिरे:",
		"* थाना st-a: अंक 1.9 (-2.0), फ़ीडबैक 10", "  " + link("st-a"),
		"सबसे अच्छे अंक वाले थाने:",
		"* थाना st-b: अंक 3.4 (+0.5), फ़ीडबैक 10", "  " + link("st-b"),
		"* थाना st-d: अंक 3.2 (±0.0), फ़ीडबैक 5", "  " + link("st-d"),
		"अंक = रेटिंग का औसत",
	}, "\r\n") // a mail's lines end in CRLF
	ig := smtp.To(testapp.IG)
	if len(ig) != 1 || !strings.Contains(ig[0].Text, hi) ||
		!strings.Contains(ig[0].HTML, ">सबसे अच्छे अंक वाले थाने</h3>") || !strings.Contains(ig[0].HTML, ">थाना st-d</a>") {
		t.Fatalf("the IG's Monday digest lacks the week in Hindi:\n%s\n%s", ig[0].Text, ig[0].HTML)
	}

	// A sub-division of two stations (mean 2.5): the best is its better half, st-b at 3.25.
	sdo := smtp.To(testapp.SDO)
	if len(sdo) != 1 || !strings.Contains(sdo[0].Text, "Best scores:\r\n* Station st-b: Score 3.2 (+0.5), Responses 10\r\n  "+link("st-b")+"\r\nScore:") {
		t.Fatalf("the SDO's Monday digest:\n%s", sdo[0].Text)
	}

	// A station has no league: its Monday digest has no weekly part.
	station := smtp.To(testapp.StationA)
	if len(station) != 1 || strings.Contains(station[0].Text, "Last week") || strings.Contains(station[0].HTML, "#/dashboard") {
		t.Fatalf("a station's Monday digest tells a week:\n%s", station[0].Text)
	}
	if d, err := digest.Build(app, officer(t, app, testapp.StationA), sunday, monday); err != nil || d.Weekly != nil {
		t.Fatalf("a station's weekly part %+v (%v)", d.Weekly, err)
	}
}

// Every other day's digest is the day's alone: Tuesday's mail (of Monday 16 June) as sent,
// and the digests of Monday to Saturday as built.
func TestOnlyMondaysDigestTellsTheWeek(t *testing.T) {
	app, f := testapp.New(t)
	seedWeeks(t, app, f)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	sendDue(t, app, at("2025-06-17", 8, 0))
	sp := smtp.To(testapp.SP)
	if len(sp) != 1 || !strings.Contains(sp[0].Subject, "Mon 16 Jun 2025") ||
		strings.Contains(sp[0].Text, "Last week") || strings.Contains(sp[0].HTML, "#/dashboard") {
		t.Fatalf("Tuesday's digest tells a week:\n%s", sp[0].Text)
	}
	for date := at("2025-06-16", 0, 0); date.Weekday() != time.Sunday; date = date.AddDate(0, 0, 1) {
		day, _ := digest.DayOf(date.Format(time.DateOnly), ist)
		d, err := digest.Build(app, officer(t, app, testapp.SP), day, date.AddDate(0, 0, 1))
		if err != nil || d.Weekly != nil {
			t.Fatalf("the digest of %s: weekly part %+v (%v)", day.Date, d.Weekly, err)
		}
	}
}
