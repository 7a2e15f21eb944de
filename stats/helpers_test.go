package stats_test

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/dashboard"
	"anubhav/schema"
	"anubhav/stats"
	"anubhav/testkit/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// ist is the fixture deployment's time zone.
var ist, _ = time.LoadLocation("Asia/Kolkata")

// Words a citizen gave in the fixture, which no public page or file may hold.
const (
	secretComment = "Zanzibar-comment-4417"
	secretOfficer = "SI Quixotic Varghese"
	secretName    = "Citizen Okonkwo-Tripathi"
	secretMobile  = "9812345670"
)

// lastMonth is the month the page shows by default: the last complete one.
func lastMonth() time.Time { return stats.LastMonth(time.Now(), ist) }

// publish turns a district's public page on or off, as its officers would in Settings.
func publish(t *testing.T, app core.App, fx *testapp.Fixture, code string, on bool) {
	t.Helper()
	row, err := app.FindFirstRecordByData(schema.Config, "district", fx.Areas[code])
	if err != nil {
		t.Fatal(err)
	}
	row.Set("public_stats", on)
	if err := app.Save(row); err != nil {
		t.Fatal(err)
	}
}

// visits stores n experience items at a station on the month's days from the first, each
// rated, with the questionnaire's answers, a comment, an officer's name and a contact.
func visits(t *testing.T, app core.App, fx *testapp.Fixture, station string, n int, month time.Time) []*core.Record {
	t.Helper()
	var out []*core.Record
	for i := range n {
		at := time.Date(month.Year(), month.Month(), 1+i%27, 11, 0, 0, 0, ist)
		r := testapp.Item(t, app, fx.Stations[station], schema.KindExperience, 1+i%5, schema.ChannelQR, at,
			map[string]any{"problem_solved": []string{"yes", "no", "partly", "yes"}[i%4], "officer_name": secretOfficer})
		citizenWrote(t, app, r)
		out = append(out, r)
	}
	return out
}

// citizenWrote gives an item a comment and a contact with consent.
func citizenWrote(t *testing.T, app core.App, r *core.Record) {
	t.Helper()
	r.Set("comment", secretComment+" at "+r.GetString("station"))
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(schema.Contacts)
	if err != nil {
		t.Fatal(err)
	}
	c := core.NewRecord(col)
	c.Load(map[string]any{"feedback": r.Id, "name": secretName, "mobile": secretMobile, "consent": true})
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
}

// reply has the district's SP reply publicly to an item.
func reply(t *testing.T, app core.App, fx *testapp.Fixture, item *core.Record) {
	t.Helper()
	sp, err := app.FindRecordById(schema.Officers, fx.Officers[testapp.SP])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := console.Act(app, sp, item.Id, console.Action{Name: schema.ActionReply, Body: "We have looked into it"}); err != nil {
		t.Fatal(err)
	}
}

// fetch gets a path (with headers in pairs) and returns the response and its body, unzipped
// where it came gzipped, and the bytes it took on the wire (headers and body as sent).
func fetch(t *testing.T, srv *httptest.Server, path string, headers ...string) (*http.Response, string, int) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	wire := len(raw) + len(res.Proto) + len(res.Status) + 3
	for k, vs := range res.Header {
		for _, v := range vs {
			wire += len(k) + len(v) + 4
		}
	}
	body := string(raw)
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		body = string(plain)
	}
	return res, body, wire
}

// assessment is what the tests read of the dashboard's answer.
type assessment struct {
	Totals struct {
		Responses int            `json:"responses"`
		ByKind    map[string]int `json:"by_kind"`
		Rating    *float64       `json:"rating"`
	} `json:"totals"`
	Service struct {
		MedianHoursToReply *float64 `json:"median_hours_to_reply"`
	} `json:"service"`
	Questions []struct {
		Key      string `json:"key"`
		Answered int    `json:"answered"`
		Options  []struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"options"`
	} `json:"questions"`
}

// dashboardOf asks GET /api/console/dashboard as an officer.
func dashboardOf(t *testing.T, srv *httptest.Server, fx *testapp.Fixture, who, query string) assessment {
	t.Helper()
	res, body, _ := fetch(t, srv, "/api/console/dashboard?"+query, "Authorization", fx.Tokens[who])
	var a assessment
	if err := json.Unmarshal([]byte(body), &a); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard of %s ?%s: %d %v %s", who, query, res.StatusCode, err, body)
	}
	return a
}

// solved is the "yes" share of the dashboard's "problem solved" answers, as it rounds shares.
func (a assessment) solved() *float64 {
	for _, q := range a.Questions {
		if q.Key != dashboard.SolvedQuestion || q.Answered == 0 {
			continue
		}
		for _, o := range q.Options {
			if o.Value == "yes" {
				return round(float64(o.Count) / float64(q.Answered))
			}
		}
	}
	return nil
}

func round(x float64) *float64 {
	v := math.Round(x*100) / 100
	return &v
}

// days is hours in days, to two places.
func days(hours *float64) *float64 {
	if hours == nil {
		return nil
	}
	return round(*hours / 24)
}

func itoa(n int) string { return strconv.Itoa(n) }

// two and one say a number as the CSV and the page do.
func two(x *float64) string {
	if x == nil {
		return ""
	}
	return fmt.Sprintf("%.2f", *x)
}

func one(x *float64) string {
	if x == nil {
		return "–"
	}
	return fmt.Sprintf("%.1f", *x)
}

func percent(x *float64) string {
	if x == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", math.Round(*x*100))
}
