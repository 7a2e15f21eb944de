package stats_test

import (
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"anubhav/schema"
	"anubhav/stats"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// A station is shown at 10 responses in the month and left out at 9, on the page and in its
// CSV: never named, only counted among the stations with fewer; and the district's line is
// left out while it would give the 9 away by subtraction.
func TestTenResponsesShowAStationNineDoNot(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	visits(t, app, fx, "st-a", 10, month)
	nine := visits(t, app, fx, "st-b", 9, month)
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)

	check := func(bShown bool, fewer int) {
		t.Helper()
		for _, lang := range []string{"hi", "en"} {
			res, page, _ := fetch(t, srv, "/stats/d1?lang="+lang)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", lang, res.StatusCode)
			}
			if !strings.Contains(page, `<tr id="st-st-a">`) || !strings.Contains(page, words.Name(lang, "थाना st-a", "Station st-a")+"</th><td>10</td>") {
				t.Errorf("%s: st-a, with 10 responses, is not shown: %s", lang, page)
			}
			named := strings.Contains(page, "st-b")
			if named != bShown {
				t.Errorf("%s: st-b named %v, want %v", lang, named, bShown)
			}
			want := html.EscapeString(words.T(lang, "stats.fewer", "n", fewer, "min", stats.MinResponses))
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page does not say %q", lang, want)
			}
			// st-b's 9 alone would be the district's 19 less st-a's 10: the district's line
			// is withheld while st-b is not shown
			withheld := html.EscapeString(words.T(lang, "stats.district_withheld", "min", stats.MinResponses))
			if strings.Contains(page, withheld) == bShown || strings.Contains(page, `id="total-responses"`) != bShown {
				t.Errorf("%s: the district's line shown %v, want %v", lang, !strings.Contains(page, withheld), bShown)
			}
		}
		res, body, _ := fetch(t, srv, "/stats/d1/data.csv")
		rows := readCSV(t, body)
		var codes []string
		for _, r := range rows[1:] {
			codes = append(codes, r[1]+":"+r[2])
		}
		want := "station:st-a"
		if bShown {
			want = "district:d1 station:st-a station:st-b"
		}
		if res.StatusCode != http.StatusOK || strings.Join(codes, " ") != want || strings.Contains(body, "st-b") != bShown {
			t.Errorf("CSV: %d, lines %v, want %s", res.StatusCode, codes, want)
		}
	}
	// st-b's 9 and st-d's none are left out; st-off, inactive and silent, is no station of the month
	check(false, 2)
	// spam is no response: st-b stays at 9 until a tenth real one
	spam := testapp.Item(t, app, fx.Stations["st-b"], schema.KindExperience, 4, schema.ChannelQR, nine[0].GetDateTime("created").Time(), nil)
	spam.Set("status", schema.StatusSpam)
	if err := app.Save(spam); err != nil {
		t.Fatal(err)
	}
	check(false, 2)
	visits(t, app, fx, "st-b", 1, month)
	check(true, 1)
}

// Neither the page (in either language) nor its CSV holds anything a citizen wrote or gave:
// comments, the officer's name they typed, their name, their mobile; nor any time of day.
func TestNoCommentNameOrContact(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	items := visits(t, app, fx, "st-a", 12, month)
	reply(t, app, fx, items[0])
	for _, kind := range []string{schema.KindComplaint, schema.KindTip} {
		r := testapp.Item(t, app, fx.Stations["st-a"], kind, 0, schema.ChannelQR, month.Add(36*time.Hour), map[string]any{"tip_place": secretComment})
		citizenWrote(t, app, r)
	}
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	clock := regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)
	for _, path := range []string{"/stats", "/stats?lang=en", "/stats/d1", "/stats/d1?lang=en", "/stats/d1/data.csv"} {
		res, body, _ := fetch(t, srv, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		for _, secret := range []string{secretComment, secretOfficer, secretName, secretMobile, "Fixture comment", "Citizen a-exp",
			"9876543210", "Reply to a-exp", "We have looked into it"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s holds %q", path, secret)
			}
		}
		if clock.MatchString(body) {
			t.Errorf("%s holds a time of day: %q", path, clock.FindString(body))
		}
	}
}

// Off by default: /stats, a district's page and its CSV are the "not found" page. Once one
// district turns it on, another district that has not and a code that is no district get the
// same answer, in the visitor's language; so do a month not yet over and a malformed one.
func TestOffByDefaultAndNotFound(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	notFound := func(path, lang string) string {
		t.Helper()
		res, body, _ := fetch(t, srv, path)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(body, `<html lang="`+lang+`">`) || !strings.Contains(body, html.EscapeString(words.T(lang, "page.not_found_text"))) {
			t.Errorf("%s: %d %q, want the %s not-found page: %.300s", path, res.StatusCode, res.Header.Get("Content-Type"), lang, body)
		}
		return body
	}
	for _, path := range []string{"/stats", "/stats/d1", "/stats/d1/data.csv", "/stats/d2?lang=en"} {
		notFound(path, map[bool]string{true: "en", false: "hi"}[strings.HasSuffix(path, "lang=en")])
	}
	publish(t, app, fx, "d1", true)
	if res, _, _ := fetch(t, srv, "/stats/d1"); res.StatusCode != http.StatusOK {
		t.Fatalf("turned on: %d", res.StatusCode)
	}
	// the same page but for the address asked, which the language switch links
	off := notFound("/stats/d2/data.csv?lang=en", "en")
	for _, path := range []string{"/stats/nowhere/data.csv?lang=en", "/stats/s1/data.csv?lang=en", "/stats/st-a/data.csv?lang=en"} {
		code := strings.Split(path, "/")[2]
		if got := notFound(path, "en"); strings.ReplaceAll(got, "/stats/"+code+"/", "/stats/d2/") != off {
			t.Errorf("%s differs from a district that is off:\n%s\n%s", path, got, off)
		}
	}
	thisMonth := time.Now().In(ist).Format("2006-01")
	for _, m := range []string{thisMonth, "2026-13", "11-2026", "x"} {
		notFound("/stats/d1?month="+m, "hi")
	}
	// a slash added by hand or by a messaging app leads to the page
	for from, to := range map[string]string{"/stats/": "/stats", "/stats/d1/?month=" + thisMonth: "/stats/d1?month=" + thisMonth} {
		if res, _, _ := fetch(t, srv, from); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != to {
			t.Errorf("%s: %d to %q, want %s", from, res.StatusCode, res.Header.Get("Location"), to)
		}
	}
	publish(t, app, fx, "d1", false)
	notFound("/stats", "hi")
}

// The page and its CSV say the dashboard's numbers for the station and the month: responses,
// rating and the "problem solved" answers as the station's own dashboard counts them
// (experience items only), the median to a reply as the SP's dashboard has it (the fixture's
// replies are all to experience items), and the district's as the SP's dashboard for the
// district has them. Complaints and tip-offs count nowhere.
func TestNumbersAreTheDashboards(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	a := visits(t, app, fx, "st-a", 13, month)
	visits(t, app, fx, "st-d", 11, month)
	for _, r := range a[:5] {
		reply(t, app, fx, r)
	}
	for i, kind := range []string{schema.KindComplaint, schema.KindComplaint, schema.KindTip} {
		testapp.Item(t, app, fx.Stations["st-a"], kind, 0, schema.ChannelQR, month.AddDate(0, 0, i), nil)
	}
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	period := "from=" + month.Format(time.DateOnly) + "&to=" + month.AddDate(0, 1, -1).Format(time.DateOnly)

	station := dashboardOf(t, srv, fx, testapp.StationA, period)
	sp := dashboardOf(t, srv, fx, testapp.SP, period+"&station=st-a")
	district := dashboardOf(t, srv, fx, testapp.SP, period)
	want := map[string][]string{
		"st-a": {itoa(station.Totals.Responses), two(station.Totals.Rating), two(station.solved()), two(days(sp.Service.MedianHoursToReply))},
		"d1": {itoa(district.Totals.ByKind[schema.KindExperience]), two(district.Totals.Rating), two(district.solved()),
			two(days(district.Service.MedianHoursToReply))},
	}
	if want["st-a"][0] != "13" || want["d1"][0] != "24" || want["st-a"][3] == "" {
		t.Fatalf("the dashboard says %v", want)
	}
	_, body, _ := fetch(t, srv, "/stats/d1/data.csv")
	got := map[string][]string{}
	for _, r := range readCSV(t, body)[1:] {
		got[r[2]] = r[5:]
	}
	for code, w := range want {
		if strings.Join(got[code], " ") != strings.Join(w, " ") {
			t.Errorf("CSV %s: %v, the dashboard's %v", code, got[code], w)
		}
	}
	// the page says the same numbers, rounded for reading
	_, page, _ := fetch(t, srv, "/stats/d1?lang=en&month="+month.Format("2006-01"))
	row := regexp.MustCompile(`<tr id="st-st-a">(.*)</tr>`).FindStringSubmatch(page)
	cells := "<th scope=\"row\">Station st-a</th><td>13</td><td>" + one(station.Totals.Rating) + "</td><td>" +
		percent(station.solved()) + "</td><td>" + one(days(sp.Service.MedianHoursToReply)) + "</td>"
	if row == nil || row[1] != cells {
		t.Errorf("the page's st-a: %v, want %s", row, cells)
	}
	if !strings.Contains(page, `<dd id="total-responses">24</dd>`) {
		t.Errorf("the page's district total is not 24")
	}
}

// readCSV reads the open data: a byte-order mark, then the documented columns.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("no byte-order mark: %.50q", body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(stats.Columns, ",") {
		t.Fatalf("CSV %v: %q", err, body)
	}
	return rows
}

// A station's name reaches the open data as text, never as a formula: a name that an officer
// typed beginning with "=" or "+" comes out behind an apostrophe.
func TestCSVNamesAreNotFormulas(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	visits(t, app, fx, "st-a", 10, lastMonth())
	station, err := app.FindRecordById(schema.Stations, fx.Stations["st-a"])
	if err != nil {
		t.Fatal(err)
	}
	station.Set("name", `=HYPERLINK("http://evil.example","Station A")`)
	station.Set("name_hi", "+थाना")
	if err := app.Save(station); err != nil {
		t.Fatal(err)
	}
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	_, body, _ := fetch(t, srv, "/stats/d1/data.csv")
	for _, r := range readCSV(t, body)[1:] {
		if r[2] != "st-a" {
			continue
		}
		if r[3] != `'=HYPERLINK("http://evil.example","Station A")` || r[4] != "'+थाना" {
			t.Errorf("st-a's names in the CSV: %q, %q", r[3], r[4])
		}
		return
	}
	t.Errorf("st-a is not in the CSV: %s", body)
}

// The district's line never lets one subtract the stations shown from it to learn the
// figures of fewer than 10 responses at the stations left out: shown with 0 or 10 and more
// left out, withheld with 1 to 9.
func TestTheDistrictLineGivesNoSmallRemainder(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	visits(t, app, fx, "st-a", 10, month)
	publish(t, app, fx, "d1", true)
	d := stats.District{ID: fx.Areas["d1"], Code: "d1"}
	for _, step := range []struct {
		station  string
		add      int
		shown    bool
		stations int
	}{
		{"", 0, true, 1},      // st-a's 10, nothing left out
		{"st-b", 1, false, 1}, // st-b's 1 would be 11 - 10
		{"st-b", 8, false, 1}, // st-b's 9
		{"st-d", 1, true, 1},  // st-b's 9 and st-d's 1 together: 10, neither's own
		{"st-b", 1, false, 2}, // st-b shown at 10: st-d's 1 would be 21 - 20
	} {
		if step.add > 0 {
			visits(t, app, fx, step.station, step.add, month)
		}
		r, err := stats.Compute(app, d, month)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Stations) != step.stations {
			t.Fatalf("after %d at %s: %d stations shown, want %d", step.add, step.station, len(r.Stations), step.stations)
		}
		if (r.Total != nil) != step.shown || r.Withheld == step.shown {
			t.Errorf("after %d at %s: district line shown %v (withheld %v), want %v", step.add, step.station, r.Total != nil, r.Withheld, step.shown)
		}
		if r.Total != nil {
			left := r.Total.Responses
			for _, s := range r.Stations {
				left -= s.Responses
			}
			if left > 0 && left < stats.MinResponses {
				t.Errorf("after %d at %s: the district less the stations shown leaves %d", step.add, step.station, left)
			}
		}
	}
}
