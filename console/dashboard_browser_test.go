package console_test

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// dashAnswer is the part of GET /api/console/dashboard that the tests compare with the screen.
type dashAnswer struct {
	Scope struct {
		Level, Code string
		Crumbs      []struct{ Level, Code, Name string }
	}
	Totals struct {
		Responses int
	}
	Questions []struct {
		Key     string
		Options []struct {
			Label string
			Count int
		}
	}
	Trend struct {
		Points []struct {
			Date      string
			Responses int
		}
	}
	League *struct {
		Level string
		Rows  []struct {
			Level, Code, Name string
			Responses         int
		}
		Silent []struct{ Code string }
	}
	Texts []struct{ Key string }
}

// dashFixture adds rated experiences with answers to the fixture (three at st-b, one at
// st-d), so that the league's orders by score and by responses differ, and gives the
// dashboard's hash and query for the week ending today in the deployment's time zone.
func dashFixture(t *testing.T, app core.App, f *testapp.Fixture) (hash, query string) {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(schema.Feedback)
	if err != nil {
		t.Fatal(err)
	}
	add := func(station string, rating int, answers map[string]string) {
		r := core.NewRecord(col)
		r.Load(map[string]any{"station": f.Stations[station], "kind": schema.KindExperience, "rating": rating,
			"answers": answers, "channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		add("st-b", 4, map[string]string{"staff_helped": "yes", "behaviour": "4", "officer_name": "SI Verma"})
	}
	add("st-d", 5, map[string]string{"staff_helped": "no", "behaviour": "2"})
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(cfg.Location)
	q := "from=" + today.AddDate(0, 0, -6).Format(time.DateOnly) + "&to=" + today.Format(time.DateOnly)
	return "#/dashboard?" + q, q
}

// askDashboard is the API's own answer to an officer, for the screen to be checked against.
func askDashboard(t *testing.T, base, token, query string) dashAnswer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/console/dashboard?"+query, nil)
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var d dashAnswer
	if err := json.NewDecoder(res.Body).Decode(&d); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/console/dashboard?%s: %d %v", query, res.StatusCode, err)
	}
	return d
}

// cells are the texts of the cells a selector finds, trimmed.
func cells(sel string, out *[]string) chromedp.Action {
	return chromedp.Evaluate(`[...document.querySelectorAll(`+strconv.Quote(sel)+`)].map((e) => e.textContent.trim())`, out)
}

// The district officer's dashboard at 1366 px shows the API's totals, every question's counts
// and the trend's numbers in its tables; the league sorts by a clicked column (again: the
// other way), a click on a row drills down (the hash and the breadcrumbs follow, the period
// stays) and the first crumb comes back.
func TestTheDistrictDashboardShowsTheAPIsNumbers(t *testing.T) {
	b, app, f := open(t, browsertest.Options{Width: 1366})
	hash, query := dashFixture(t, app, f)
	want := askDashboard(t, b.url, f.Tokens[testapp.SP], query)
	if want.League == nil || len(want.League.Rows) < 2 || want.Totals.Responses == 0 {
		t.Fatalf("the fixture should give the district officer a league of two or more and responses: %+v", want)
	}
	var p problems
	p.listen(b.ctx)
	b.login(testapp.SP)
	p.run(b, "open the dashboard", chromedp.Navigate(b.url+"/console/"+hash), chromedp.WaitVisible(".dash-league tbody tr"))

	if got := b.text(`[data-figure="responses"] .value`); got != strconv.Itoa(want.Totals.Responses) {
		t.Errorf("the dashboard shows %s responses, the API %d", got, want.Totals.Responses)
	}
	for _, q := range want.Questions {
		var counts []string
		var wantCounts []string
		for _, o := range q.Options {
			wantCounts = append(wantCounts, o.Label+" "+strconv.Itoa(o.Count))
		}
		b.run("read "+q.Key, chromedp.Evaluate(`[...document.querySelectorAll('.question[data-key="`+q.Key+`"] tbody tr')].
			map((tr) => tr.querySelector('th').textContent + ' ' + tr.querySelector('td.n').textContent)`, &counts))
		if !slices.Equal(counts, wantCounts) {
			t.Errorf("question %s shows %v, the API %v", q.Key, counts, wantCounts)
		}
	}
	var trend, wantTrend []string
	b.run("read the trend's numbers", cells(".dash-trend .numbers tbody td:first-of-type", &trend))
	for _, pt := range want.Trend.Points {
		wantTrend = append(wantTrend, strconv.Itoa(pt.Responses))
	}
	if !slices.Equal(trend, wantTrend) {
		t.Errorf("the trend's table says %v responses, the API %v", trend, wantTrend)
	}
	var named []string
	b.run("read the written answers", chromedp.Evaluate(`[...document.querySelectorAll('.dash-texts [data-key="officer_name"] tbody tr')].
		map((tr) => tr.querySelector('th').textContent + ' ' + tr.querySelector('td.n').textContent)`, &named))
	if !slices.Contains(named, "SI Verma 3") {
		t.Errorf("the written answers name %v, want SI Verma 3 times", named)
	}
	var drawn bool
	p.run(b, "the chart", chromedp.WaitVisible(".dash-trend .uplot canvas"),
		chromedp.Evaluate(`document.querySelector('.dash-trend .uplot canvas').width > 0`, &drawn))
	if !drawn {
		t.Error("the trend's chart is not drawn")
	}

	codes := func(what string) []string {
		var got []string
		b.run(what, chromedp.Evaluate(`[...document.querySelectorAll('.dash-league tbody tr')].map((tr) => tr.dataset.code)`, &got))
		return got
	}
	// the league sorts stably from the server's order by score, as the API's rows here
	type row = struct {
		Level, Code, Name string
		Responses         int
	}
	order := func(rows []row) []string {
		var c []string
		for _, r := range rows {
			c = append(c, r.Code)
		}
		return c
	}
	if got := codes("the league as served"); !slices.Equal(got, order(want.League.Rows)) {
		t.Errorf("the league shows %v, the API's order by score is %v", got, order(want.League.Rows))
	}
	most := slices.Clone(want.League.Rows)
	slices.SortStableFunc(most, func(x, y row) int { return cmp.Compare(y.Responses, x.Responses) })
	fewest := slices.Clone(want.League.Rows)
	slices.SortStableFunc(fewest, func(x, y row) int { return cmp.Compare(x.Responses, y.Responses) })
	b.run("sort by responses", chromedp.Click(`.dash-league th[data-key="responses"] button`))
	if got := codes("the league by responses"); !slices.Equal(got, order(most)) {
		t.Errorf("sorted by responses the league shows %v, want %v", got, order(most))
	}
	b.run("sort by responses, fewest first", chromedp.Click(`.dash-league th[data-key="responses"] button`))
	if got := codes("the league by responses, fewest first"); !slices.Equal(got, order(fewest)) {
		t.Errorf("sorted the other way the league shows %v, want %v", got, order(fewest))
	}

	first := fewest[0] // the top row now
	param := "area="
	if first.Level == "station" {
		param = "station="
	}
	var loc string
	p.run(b, "drill down into "+first.Code,
		chromedp.Click(`.dash-league tbody tr:first-child td:nth-child(2)`),
		chromedp.WaitVisible(`.crumbs li:nth-child(2) [aria-current]`),
		chromedp.Location(&loc))
	if !strings.Contains(loc, param+first.Code) || !strings.Contains(loc, query) {
		t.Errorf("after the drill-down the URL is %s, want %s%s and the period %s", loc, param, first.Code, query)
	}
	below := askDashboard(t, b.url, f.Tokens[testapp.SP], param+first.Code+"&"+query)
	var crumbs []string
	b.run("read the breadcrumbs", cells(".crumbs li", &crumbs))
	var wantCrumbs []string
	for _, c := range below.Scope.Crumbs {
		wantCrumbs = append(wantCrumbs, c.Name)
	}
	if !slices.Equal(crumbs, wantCrumbs) || len(crumbs) < 2 || crumbs[len(crumbs)-1] != first.Name {
		t.Errorf("the breadcrumbs say %v, want %v ending in %s", crumbs, wantCrumbs, first.Name)
	}
	if got := b.text(`[data-figure="responses"] .value`); got != strconv.Itoa(below.Totals.Responses) {
		t.Errorf("%s shows %s responses, the API %d", first.Code, got, below.Totals.Responses)
	}
	p.run(b, "back up by the first crumb", chromedp.Click(`.crumbs li:first-child a`),
		chromedp.WaitVisible(`.crumbs li:first-child [aria-current]`), chromedp.Location(&loc))
	if !strings.Contains(loc, "area="+want.Scope.Code) {
		t.Errorf("the first crumb leads to %s, want area=%s", loc, want.Scope.Code)
	}
	if got := p.list(); len(got) > 0 {
		t.Errorf("the console reported:\n%s", strings.Join(got, "\n"))
	}
}

// A station officer's dashboard, at 390 px: its own station's figures, no league and no
// written answers, and nothing wider than the phone; another station's is not found, and a
// range over 12 months is refused at its field.
func TestAStationSeesItsOwnDashboardOnAPhone(t *testing.T) {
	b, app, f := open(t, browsertest.Options{Width: 390})
	hash, query := dashFixture(t, app, f)
	want := askDashboard(t, b.url, f.Tokens[testapp.StationB], query)
	if want.Scope.Level != "station" || want.League != nil || want.Texts != nil {
		t.Fatalf("the API gives the station officer %s %s, a league %v, texts %v", want.Scope.Level, want.Scope.Code, want.League != nil, want.Texts != nil)
	}
	b.login(testapp.StationB)
	b.run("open the dashboard", chromedp.Navigate(b.url+"/console/"+hash), chromedp.WaitVisible(".dash-trend"))
	if got := b.text(`[data-figure="responses"] .value`); got != strconv.Itoa(want.Totals.Responses) || want.Totals.Responses != 4 {
		t.Errorf("the station sees %s responses, the API %d, want 4 (the fixture's and three more)", got, want.Totals.Responses)
	}
	var league, texts int
	var wide string
	b.run("read the page",
		chromedp.Evaluate(`document.querySelectorAll('.dash-league').length`, &league),
		chromedp.Evaluate(`document.querySelectorAll('.dash-texts').length`, &texts),
		chromedp.Evaluate(`[document.documentElement.scrollWidth, document.documentElement.clientWidth].join(' ')`, &wide))
	if league != 0 || texts != 0 {
		t.Errorf("the station officer sees a league (%d) or written answers (%d)", league, texts)
	}
	if w := strings.Fields(wide); w[0] != w[1] {
		t.Errorf("at 390 px the page is %s px wide", wide)
	}

	// another station, by URL: not in its scope, as if it did not exist
	b.run("open st-a's dashboard", chromedp.Navigate(b.url+"/console/#/dashboard?station=st-a"), chromedp.WaitVisible(".dash .errors"))
	if got := b.text(".dash .errors"); got != "This area or station is not in your scope." {
		t.Errorf("st-a's dashboard, to st-b's officer, says %q", got)
	}

	// a range over 12 months: the server's message, in the officer's language, at the field
	b.run("ask for two years", chromedp.Navigate(b.url+"/console/#/dashboard?from=2024-01-01&to=2025-12-31"),
		chromedp.WaitVisible("#f-to + .error"))
	if got := b.text("#f-to + .error"); !strings.Contains(got, "12 months") {
		t.Errorf("two years are refused with %q", got)
	}
}

// At 390 px the district officer's dashboard, league and all, fits the phone: the league
// scrolls within its card. The period picker puts a preset or a month in the URL, and the
// dashboard shows that period.
func TestTheDistrictDashboardFitsAPhone(t *testing.T) {
	b, app, f := open(t, browsertest.Options{Width: 390})
	hash, _ := dashFixture(t, app, f)
	b.login(testapp.SP)
	var wide []int
	b.run("open the dashboard", chromedp.Navigate(b.url+"/console/"+hash), chromedp.WaitVisible(".dash-league tbody tr"),
		chromedp.WaitVisible(".dash-trend .uplot canvas"),
		chromedp.Evaluate(`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`, &wide))
	if wide[0] > wide[1] {
		t.Errorf("at 390 px the page is %d px wide in a %d px window", wide[0], wide[1])
	}

	var loc, when string
	b.run("the last 7 days", chromedp.SetValue("#f-period", "7"),
		chromedp.Evaluate(`document.querySelector('#f-period').dispatchEvent(new Event('change'))`, nil),
		chromedp.WaitVisible(`//p[contains(@class,"dash-when")][contains(.,"(7 days)")]`, chromedp.BySearch),
		chromedp.Location(&loc))
	if !strings.HasSuffix(loc, "#/dashboard?p=7") {
		t.Errorf("the last 7 days are at %s", loc)
	}
	b.run("November 2026", chromedp.SetValue("#f-period", "month"),
		chromedp.Evaluate(`document.querySelector('#f-period').dispatchEvent(new Event('change'))`, nil),
		chromedp.WaitVisible("#f-month"), chromedp.SetValue("#f-month", "2026-11"),
		chromedp.Click(`.dash-period button[type="submit"]`),
		chromedp.WaitVisible(`//p[contains(@class,"dash-when")][contains(.,"(30 days)")]`, chromedp.BySearch),
		chromedp.Location(&loc), chromedp.Text(".dash-when strong", &when))
	if !strings.HasSuffix(loc, "#/dashboard?month=2026-11") || when != "1 Nov 2026 – 30 Nov 2026" {
		t.Errorf("November is at %s and shows %q", loc, when)
	}
}
