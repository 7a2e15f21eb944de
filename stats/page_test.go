package stats_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/dashboard"
	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// PageBudget is the budget for the public page: HTML, CSS and icon on the wire.
const PageBudget = 30 << 10

// handler is an inline event handler's attribute.
var handler = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)

// TestPageOnTheWire: a district of 120 stations, every one shown with long Hindi names, is
// under the budget on the wire (the page, its stylesheet and its icon, gzipped, with their
// headers). The page runs no script at all, so it works without JavaScript; it has the
// citizen pages' headers.
func TestPageOnTheWire(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	col, err := app.FindCollectionByNameOrId(schema.Stations)
	if err != nil {
		t.Fatal(err)
	}
	d := rollups.NewDelta()
	day := month.AddDate(0, 0, 3).Format(time.DateOnly)
	for i := range 120 {
		st := core.NewRecord(col)
		st.Load(map[string]any{"code": fmt.Sprintf("big-%03d", i), "name": fmt.Sprintf("Kotwali Mohan Nagar Chowk %d", i),
			"name_hi": fmt.Sprintf("कोतवाली मोहन नगर चौक %d", i), "kind": "thana", "area": fx.Areas["s1"], "active": true})
		if err := app.Save(st); err != nil {
			t.Fatal(err)
		}
		// the station's counters as items would leave them, and the district's
		n := 10 + i%50
		for _, unit := range []string{st.Id, fx.Areas["s1"], fx.Areas["d1"]} {
			k := rollups.Key{Unit: unit, Day: day, Kind: schema.KindExperience, Channel: schema.ChannelQR}
			sum := d.Tallies[k]
			sum.Items, sum.Rated, sum.RatingSum = sum.Items+n, sum.Rated+n, sum.RatingSum+n*(1+i%5)
			d.Tallies[k] = sum
			c := func(measure, value string, by int) {
				d.Counts[rollups.CountKey{Unit: unit, Measure: measure, Day: day, Kind: schema.KindExperience, Value: value}] += by
			}
			c(rollups.Answer+dashboard.SolvedQuestion, "yes", n/2+i%3)
			c(rollups.Answer+dashboard.SolvedQuestion, "no", n-n/2-i%3)
			c(rollups.HoursReply, fmt.Sprint(rollups.HourBucket(time.Duration(i)*time.Hour)), 3)
		}
	}
	if err := rollups.Write(app, d); err != nil {
		t.Fatal(err)
	}
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)

	for _, lang := range []string{"hi", "en"} {
		gz := []string{"Accept-Encoding", "gzip", "Cookie", "lang=" + lang}
		res, page, total := fetch(t, srv, "/stats/d1", gz...)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" || strings.Count(page, "<tr id=") != 120 {
			t.Fatalf("%s: %d, %q, %d stations shown", lang, res.StatusCode, res.Header.Get("Content-Encoding"), strings.Count(page, "<tr id="))
		}
		for _, file := range []string{"/assets/site.css", "/favicon.ico"} {
			start := strings.Index(page, `href="`+file)
			if start < 0 {
				t.Fatalf("the page does not link %s", file)
			}
			link := html.UnescapeString(page[start+6 : start+6+strings.Index(page[start+6:], `"`)])
			res, _, n := fetch(t, srv, link, gz...)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", link, res.StatusCode)
			}
			total += n
		}
		t.Logf("%s: %d stations, %d B on the wire (page %d B unzipped)", lang, 120, total, len(page))
		if total > PageBudget {
			t.Errorf("%s: %d B on the wire, budget %d B", lang, total, PageBudget)
		}
		if strings.Contains(strings.ToLower(page), "<script") || handler.MatchString(page) || strings.Contains(page, "javascript:") {
			t.Errorf("%s: the page has a script", lang)
		}
		h := res.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || h.Get("Referrer-Policy") != "no-referrer" ||
			h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", lang, h)
		}
	}
	res, body, _ := fetch(t, srv, "/stats/d1/data.csv", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || len(readCSV(t, body)) != 1+1+120 ||
		res.Header.Get("Content-Disposition") != `attachment; filename="anubhav-d1-`+month.Format("2006-01")+`.csv"` {
		t.Errorf("CSV: %q, %q", res.Header.Get("Content-Encoding"), res.Header.Get("Content-Disposition"))
	}
}

// Hindi first, English by ?lang=en or the remembered choice; each says the page's words and
// the rule in its own language, and the language switch keeps the month shown.
func TestBothLanguages(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth().AddDate(0, -2, 0)
	visits(t, app, fx, "st-a", 10, month)
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	m := month.Format("2006-01")
	for _, c := range []struct{ lang, other string }{{"hi", "en"}, {"en", "hi"}} {
		for _, ask := range [][]string{{"/stats/d1?month=" + m + "&lang=" + c.lang}, {"/stats/d1?month=" + m, "Cookie", "lang=" + c.lang}} {
			res, page, _ := fetch(t, srv, ask[0], ask[1:]...)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%v: %d", ask, res.StatusCode)
			}
			said := []string{words.T(c.lang, "stats.rule_min", "min", 10), words.T(c.lang, "stats.rule_kinds"),
				words.T(c.lang, "stats.rule_private"), words.T(c.lang, "stats.solved"),
				words.T(c.lang, "month."+fmt.Sprint(int(month.Month()))) + " " + fmt.Sprint(month.Year()),
				words.Name(c.lang, "क्षेत्र d1 पुलिस", "Area d1 Police"), words.Name(c.lang, "थाना st-a", "Station st-a")}
			for i := range said {
				said[i] = html.EscapeString(said[i])
			}
			for _, want := range append(said, `<html lang="`+c.lang+`">`, `<option value="`+m+`" selected>`,
				`href="/stats/d1?lang=`+c.other+`&amp;month=`+m+`"`, `href="/stats/d1/data.csv?month=`+m+`"`) {
				if !strings.Contains(page, want) {
					t.Errorf("%v lacks %q", ask, want)
				}
			}
			if strings.Contains(page, html.EscapeString(words.T(c.other, "stats.rule_min", "min", 10))) {
				t.Errorf("%v has the rule in %s too", ask, c.other)
			}
		}
		res, page, _ := fetch(t, srv, "/stats?lang="+c.lang)
		if res.StatusCode != http.StatusOK || !strings.Contains(page, html.EscapeString(words.T(c.lang, "stats.index_lead"))) ||
			!strings.Contains(page, `<a href="/stats/d1">`+html.EscapeString(words.Name(c.lang, "क्षेत्र d1 पुलिस", "Area d1 Police"))+`</a>`) ||
			strings.Contains(page, "/stats/d2") {
			t.Errorf("/stats in %s: %d %s", c.lang, res.StatusCode, page)
		}
	}
}

// A visit of the public page leaves no line in the request log; a failure is logged without
// its query, as a citizen's page's is. PocketBase's rate limiter guards the pages, and its
// refusal is the small page in the visitor's language.
func TestVisitsUnloggedAndLimited(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	app.Settings().Logs.MaxDays = 7 // tests.TestApp turns the request log off; an appliance keeps it
	publish(t, app, fx, "d1", true)
	srv := testapp.Serve(t, app)
	agent := []string{"User-Agent", "StatsVisit/1.0 (Linux; Android 10)"}
	for _, p := range []string{"/stats", "/stats/d1?lang=en", "/stats/d1/data.csv?month=" + lastMonth().Format("2006-01"), "/stats/nowhere?lang=en"} {
		fetch(t, srv, p, agent...)
	}
	var lines []string
	for deadline := time.Now().Add(15 * time.Second); len(lines) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the 404 was never logged: is the request log on?")
		}
		testapp.FlushLogs(t, app)
		if err := app.AuxDB().NewQuery("SELECT data FROM _logs WHERE json_extract(data, '$.type') = 'request'").Column(&lines); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond)
	testapp.FlushLogs(t, app)
	if err := app.AuxDB().NewQuery("SELECT data FROM _logs WHERE json_extract(data, '$.type') = 'request'").Column(&lines); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		var line struct {
			URL       string `json:"url"`
			Status    int    `json:"status"`
			UserAgent string `json:"userAgent"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatal(err)
		}
		if line.URL != "/stats/nowhere" || line.Status != http.StatusNotFound || line.UserAgent != "" {
			t.Errorf("logged %s", l)
		}
	}

	// an address of its own: the limits count per address
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.77")}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	for n := 1; ; n++ {
		res, err := client.Get(srv.URL + "/stats/d1/data.csv?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			if n != 121 || res.Header.Get("Retry-After") != "60" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("refused at request %d, %v", n, res.Header)
			}
			break
		}
		if n > 121 {
			t.Fatalf("request %d got %d, want 429", n, res.StatusCode)
		}
	}
}
