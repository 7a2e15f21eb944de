package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// Who gets which report: a station its own station only, without complaints, tip-offs or
// their words; an SP nothing of the other district, with the same 404 as for a code that does
// not exist; bad parameters a 400 in the officer's language.
func TestReportScope(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	fill(t, app, fx, month)
	complaint := testapp.Item(t, app, fx.Stations["st-a"], schema.KindComplaint, 0, schema.ChannelQR, month.AddDate(0, 0, 3).Add(10*time.Hour), nil)
	complaint.Set("comment", "Thanedar asked for money zqcomplaint")
	tip := testapp.Item(t, app, fx.Stations["st-a"], schema.KindTip, 0, schema.ChannelQR, month.AddDate(0, 0, 4).Add(10*time.Hour), nil)
	tip.Set("comment", "Liquor sold behind the market zqtip")
	for _, r := range []*core.Record{complaint, tip} {
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	srv := testapp.Serve(t, app)
	m := "/api/console/report?month=" + ym(month)
	// one answer for a unit outside the scope and for one that does not exist
	_, nowhere := get(t, srv, fx, testapp.SP, m+"&area=zz-nowhere")
	notFound := string(nowhere)
	cases := []struct {
		name, who, query string
		status           int
		has, hasNot      []string
	}{
		{"a station: its own", testapp.StationA, "", 200, []string{"Station st-a"},
			[]string{"zqcomplaint", "zqtip", words.T("en", "kind.complaint"), words.T("en", "kind.tip"), "Station st-b", words.T("en", "console.dash_league")}},
		{"a station asking for itself", testapp.StationA, "&station=st-a", 200, []string{"Station st-a"}, []string{"zqcomplaint"}},
		{"a station, another station", testapp.StationA, "&station=st-b", 404, nil, nil},
		{"a station, its sub-division", testapp.StationA, "&area=s1", 404, nil, nil},
		{"the SDO: its stations", testapp.SDO, "", 200, []string{"Station st-a", "Station st-b", words.T("en", "kind.complaint")}, []string{"Station st-c"}},
		// a report is paper: only experience items are quoted, whoever reads it
		{"Balod's SP: its district", testapp.SP, "", 200, []string{"Area d1", "Station st-d"}, []string{"zqcomplaint", "zqtip", "Area d2"}},
		{"Balod's SP: Durg", testapp.SP, "&area=d2", 404, nil, nil},
		{"Balod's SP: a station of Durg", testapp.SP, "&station=st-c", 404, nil, nil},
		{"Balod's SP: the range", testapp.SP, "&area=rg", 404, nil, nil},
		{"Balod's SP: no such area", testapp.SP, "&area=zz-nowhere", 404, nil, nil},
		{"Durg's SP: Balod's station", testapp.OtherSP, "&station=st-a", 404, nil, nil},
		{"the IG: the range", testapp.IG, "", 200, []string{"Area rg", "Area d1", "Area d2", "Station st-c"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := get(t, srv, fx, c.who, m+c.query)
			if status != c.status {
				t.Fatalf("%d, want %d: %.300s", status, c.status, body)
			}
			if status == 404 && string(body) != notFound {
				t.Errorf("404 says %s", body)
			}
			for _, s := range c.has {
				if !strings.Contains(string(body), s) {
					t.Errorf("lacks %q", s)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(string(body), s) {
					t.Errorf("holds %q", s)
				}
			}
		})
	}

	// each bad parameter in the officer's language: the fixture's officers read English, and
	// station A switches to Hindi
	hindi := officer(t, app, testapp.StationA)
	hindi.Set("lang", schema.LangHindi)
	if err := app.Save(hindi); err != nil {
		t.Fatal(err)
	}
	future := time.Now().In(ist).AddDate(0, 2, 0)
	for _, c := range []struct{ who, lang, month, key string }{
		{testapp.SP, "en", "", "report.error.month"},
		{testapp.SP, "en", "2026-13", "report.error.month"},
		{testapp.SP, "en", "December", "report.error.month"},
		{testapp.SP, "en", ym(future), "report.error.future"},
		{testapp.StationA, "hi", "2026-1", "report.error.month"},
		{testapp.StationA, "hi", ym(future), "report.error.future"},
	} {
		status, body := getJSON(t, srv, fx, c.who, "/api/console/report?month="+c.month)
		if status != 400 {
			t.Errorf("%s month=%q: %d", c.who, c.month, status)
			continue
		}
		data, _ := body["data"].(map[string]any)
		field, _ := data["month"].(map[string]any)
		if field["message"] != words.T(c.lang, c.key) {
			t.Errorf("%s month=%q says %v", c.who, c.month, body)
		}
	}
}

// The comments quoted are of experience items, without the names (the contact's, the officer
// the citizen named), numbers or addresses that their writers put in them; no name or mobile
// of the fixture reaches any report.
func TestCommentsHaveNoNamesOrContacts(t *testing.T) {
	t.Parallel()
	app, fx := testapp.New(t)
	month := lastMonth()
	item := testapp.Item(t, app, fx.Stations["st-a"], schema.KindExperience, 1, schema.ChannelQR, month.AddDate(0, 0, 9).Add(11*time.Hour),
		map[string]any{"officer_name": "SI Verma", "problem_solved": "yes"})
	item.Set("comment", "Ramesh Kumar yesterday आया, munshi ne paise maange. si verma ne madad ki. "+
		"Number 98765 43210, +91.99887.76655, (0788) 2323-232, ramesh.k@example.com; मोबाइल ९८७६५४३२१० पर")
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(schema.Contacts)
	if err != nil {
		t.Fatal(err)
	}
	contact := core.NewRecord(col)
	contact.Load(map[string]any{"feedback": item.Id, "name": "Ramesh Kumar", "mobile": "9876543210", "consent": true})
	if err := app.Save(contact); err != nil {
		t.Fatal(err)
	}
	srv := testapp.Serve(t, app)
	forbidden := []string{"Ramesh", "Kumar", "Verma", "98765", "43210", "99887", "76655", "0788", "2323", "example.com", "९८७६५"}
	for _, email := range []string{testapp.StationA, testapp.SP} {
		forbidden = append(forbidden, "Officer "+email)
	}
	for name := range fx.Contacts {
		forbidden = append(forbidden, "Citizen "+name)
	}
	for _, c := range []struct{ who, month string }{
		{testapp.StationA, ym(month)}, {testapp.SP, ym(month)}, {testapp.SP, ym(time.Now().In(ist))},
	} {
		status, body := get(t, srv, fx, c.who, "/api/console/report?month="+c.month)
		if status != 200 {
			t.Fatalf("%s %s: %d %s", c.who, c.month, status, body)
		}
		doc := string(body)
		for _, s := range forbidden {
			if strings.Contains(doc, s) {
				t.Errorf("%s %s: the report holds %q", c.who, c.month, s)
			}
		}
		// the choice answered ("yes") is no name: "yesterday" stays whole
		if c.month == ym(month) && (!strings.Contains(doc, "yesterday") || !strings.Contains(doc, "munshi ne paise maange") ||
			!strings.Contains(doc, words.T("en", "report.removed"))) {
			t.Errorf("%s: the comment is not quoted, redacted:\n%s", c.who, doc[strings.Index(doc, "<blockquote"):])
		}
	}
}
