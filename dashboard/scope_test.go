package dashboard_test

import (
	"fmt"
	"slices"
	"testing"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// codes lists a JSON array's objects' codes.
func codes(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, fmt.Sprint(path(x, "code")))
	}
	return out
}

// Who sees what: a station its own station only; an SP nothing of the other district, with
// the same answer as for a code that does not exist; the IG drills from the range down to a
// station, with breadcrumbs from the range.
func TestDashboardScope(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	period := "from=" + daysAgo(6) + "&to=" + daysAgo(0)
	cases := []struct {
		name, who, query string
		status           int
		level, code      string
		crumbs           []string
		leagueLevel      string
		rows, silent     []string // the league's (by score) and its silent children
	}{
		{"a station sees its own station", testapp.StationA, "", 200, "station", "st-a", []string{"st-a"}, "", nil, nil},
		{"a station asking for itself", testapp.StationA, "&station=st-a", 200, "station", "st-a", []string{"st-a"}, "", nil, nil},
		{"a station, another station", testapp.StationA, "&station=st-b", 404, "", "", nil, "", nil, nil},
		{"a station, its own sub-division", testapp.StationA, "&area=s1", 404, "", "", nil, "", nil, nil},
		{"the SDO's stations", testapp.SDO, "", 200, "subdivision", "s1", []string{"s1"}, "station", []string{"st-b", "st-a"}, nil},
		{"the SDO, a station of another district", testapp.SDO, "&station=st-c", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: its district", testapp.SP, "", 200, "district", "d1", []string{"d1"}, "subdivision", []string{"s1", "st-d"}, nil},
		{"Balod's SP: Durg", testapp.SP, "&area=d2", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: a station of Durg", testapp.SP, "&station=st-c", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: Durg's sub-division", testapp.SP, "&area=s2", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: the range above", testapp.SP, "&area=rg", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: no such area", testapp.SP, "&area=zz-nowhere", 404, "", "", nil, "", nil, nil},
		{"Balod's SP: a sub-division", testapp.SP, "&area=s1", 200, "subdivision", "s1", []string{"d1", "s1"}, "station", []string{"st-b", "st-a"}, nil},
		{"Durg's SP: Balod", testapp.OtherSP, "&area=d1", 404, "", "", nil, "", nil, nil},
		{"the IG: the range", testapp.IG, "", 200, "range", "rg", []string{"rg"}, "district", []string{"d2", "d1"}, nil},
		{"the IG: a district", testapp.IG, "&area=d1", 200, "district", "d1", []string{"rg", "d1"}, "subdivision", []string{"s1", "st-d"}, nil},
		{"the IG: a sub-division", testapp.IG, "&area=s2", 200, "subdivision", "s2", []string{"rg", "d2", "s2"}, "station", []string{"st-c"}, nil},
		{"the IG: a station", testapp.IG, "&station=st-a", 200, "station", "st-a", []string{"rg", "d1", "s1", "st-a"}, "", nil, nil},
		{"a station wins over an area", testapp.IG, "&area=d2&station=st-a", 200, "station", "st-a", []string{"rg", "d1", "s1", "st-a"}, "", nil, nil},
	}
	for _, c := range cases {
		status, body := get(t, srv, fx, c.who, period+c.query)
		if status != c.status {
			t.Errorf("%s: %d, want %d: %v", c.name, status, c.status, body)
			continue
		}
		if status != 200 {
			if body["message"] != "No such area or station in your scope." {
				t.Errorf("%s: %v", c.name, body)
			}
			continue
		}
		if path(body, "scope", "level") != c.level || path(body, "scope", "code") != c.code {
			t.Errorf("%s: scope %v", c.name, body["scope"])
		}
		if got := codes(path(body, "scope", "crumbs")); !slices.Equal(got, c.crumbs) {
			t.Errorf("%s: crumbs %v, want %v", c.name, got, c.crumbs)
		}
		league, ok := body["league"]
		if c.leagueLevel == "" {
			if ok {
				t.Errorf("%s: a league %v", c.name, league)
			}
			continue
		}
		if path(league, "level") != c.leagueLevel {
			t.Errorf("%s: league of %v, want %s", c.name, path(league, "level"), c.leagueLevel)
		}
		if got := codes(path(league, "rows")); !slices.Equal(got, c.rows) {
			t.Errorf("%s: league %v, want %v", c.name, got, c.rows)
		}
	}
}

// The station officer's answer: its experience items only, and nothing of complaints (the
// fixture's st-a has a complaint and a tip-off today).
func TestDashboardStationSeesExperienceOnly(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	_, body := get(t, srv, fx, testapp.StationA, "from="+daysAgo(0)+"&to="+daysAgo(0))
	if got := path(body, "totals", "responses"); got != 1.0 {
		t.Errorf("st-a's officer counts %v responses, want 1 (a-exp)", got)
	}
	if kinds := path(body, "totals", "by_kind").(map[string]any); len(kinds) != 1 || kinds[schema.KindExperience] != 1.0 {
		t.Errorf("by kind %v", kinds)
	}
	for _, q := range path(body, "questions").([]any) {
		if k := path(q, "key"); k == "complaint_about" || k == "tip_about" {
			t.Errorf("a station is shown the question %v", k)
		}
	}
	_, sdo := get(t, srv, fx, testapp.SDO, "station=st-a&from="+daysAgo(0)+"&to="+daysAgo(0))
	if got := path(sdo, "totals", "responses"); got != 3.0 {
		t.Errorf("the SDO counts %v responses at st-a, want 3", got)
	}
}

// A station with no response in the period is listed as silent: a poster may be missing.
// The inactive station st-off is not.
func TestDashboardListsSilentStations(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	item(t, app, fx.Stations["st-a"], schema.KindExperience, 4, schema.ChannelQR, 3, nil)
	_, body := get(t, srv, fx, testapp.SDO, "from="+daysAgo(5)+"&to="+daysAgo(1))
	if got := codes(path(body, "league", "rows")); !slices.Equal(got, []string{"st-a"}) {
		t.Errorf("rows %v", got)
	}
	if got := codes(path(body, "league", "silent")); !slices.Equal(got, []string{"st-b"}) {
		t.Errorf("silent %v, want st-b (st-off is inactive)", got)
	}
}

// Bad parameters get 400 with a message per parameter in the officer's language.
func TestDashboardRefusesBadParameters(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	srv := testapp.Serve(t, app)
	cases := []struct {
		name, query, field, key string
		args                    []any
	}{
		{"not a date", "from=2026-13-01", "from", "dashboard.error.date", nil},
		{"a date in another shape", "to=04-12-2026", "to", "dashboard.error.date", nil},
		{"from after to", "from=2026-05-02&to=2026-05-01", "from", "dashboard.error.from_after_to", nil},
		{"over 12 months", "from=2025-01-01&to=2026-01-02", "to", "dashboard.error.too_long", []any{"days", 366}},
	}
	for _, c := range cases {
		status, body := get(t, srv, fx, testapp.SP, c.query)
		want := words.T(schema.LangEnglish, c.key, c.args...)
		if status != 400 || path(body, "data", c.field, "message") != want {
			t.Errorf("%s: %d %v, want 400 with data.%s %q", c.name, status, body, c.field, want)
		}
	}
	// twelve months of a leap year are 366 days: allowed
	if status, body := get(t, srv, fx, testapp.SP, "from=2024-01-01&to=2024-12-31"); status != 200 || path(body, "trend", "unit") != "week" {
		t.Errorf("a leap year: %d %v", status, body["trend"])
	}
	// in Hindi for an officer who reads Hindi
	sp, err := app.FindAuthRecordByEmail(schema.Officers, testapp.SP)
	if err != nil {
		t.Fatal(err)
	}
	sp.Set("lang", schema.LangHindi)
	if err := app.Save(sp); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, srv, fx, testapp.SP, "from=kal"); path(body, "data", "from", "message") != words.T(schema.LangHindi, "dashboard.error.date") {
		t.Errorf("in Hindi: %v", body)
	}
}
