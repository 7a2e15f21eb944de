package export_test

import (
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/xuri/excelize/v2"

	"anubhav/console"
	"anubhav/export"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// The export holds exactly the items of the inbox under the same filter, in its order, for
// every role and filter.
func TestExportHoldsTheInboxItems(t *testing.T) {
	w := newWorld(t)
	queries := []string{"", "status=new", "status=open", "kind=complaint", "kind=experience&rating=4", "flag=negative",
		"q=" + url.QueryEscape("रिश्वत"), "station=" + w.f.Stations["st-a"], "area=s1", "area=d2",
		"from=" + time.Now().AddDate(0, 0, -3).Format(time.DateOnly) + "&to=" + time.Now().AddDate(0, 0, 1).Format(time.DateOnly), "mine=1"}
	for _, who := range []string{testapp.StationA, testapp.StationB, testapp.SDO, testapp.SP, testapp.OtherSP, testapp.IG} {
		for _, q := range queries {
			t.Run(who+"/"+q, func(t *testing.T) {
				want := w.inboxRefs(t, who, q)
				got := refsOf(w.csvOf(t, who, q))
				if !slices.Equal(got, want) {
					t.Errorf("export %v\ninbox  %v", got, want)
				}
				n, err := console.ExportCount(w.app, w.officer(t, who), w.request(t, w.officer(t, who), q, export.FormatCSV).Filter)
				if err != nil || n != len(want) {
					t.Errorf("count %d (%v), want %d", n, err, len(want))
				}
			})
		}
	}
	// the fixture is big enough to say something
	if n := len(w.inboxRefs(t, testapp.IG, "")); n < 12 {
		t.Fatalf("the range's inbox holds %d items", n)
	}
}

// An officer of one district exports nothing of another, whatever it asks for.
func TestNothingOutsideTheScope(t *testing.T) {
	w := newWorld(t)
	d1 := w.csvOf(t, testapp.SP, "")
	for _, q := range []string{"", "station=" + w.f.Stations["st-a"], "area=d1", "area=s1", "kind=complaint"} {
		rows := w.csvOf(t, testapp.OtherSP, q)
		for _, ref := range refsOf(rows) {
			if slices.Contains(refsOf(d1), ref) {
				t.Errorf("%s: d2's officer exported d1's item %s", q, ref)
			}
		}
		for _, r := range rows[1:] {
			if r[column(rows, "Station code")] != "st-c" {
				t.Errorf("%s: a row of %s", q, r[column(rows, "Station code")])
			}
		}
	}
}

var (
	dateOnly = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`)
	clock    = regexp.MustCompile(`\d{1,2}:\d{2}`)
)

// A station's export: its own experience items, dates without a time, no kind, no contact.
func TestAStationsColumns(t *testing.T) {
	w := newWorld(t)
	rows := w.csvOf(t, testapp.StationA, "")
	if len(rows) < 3 {
		t.Fatalf("rows %v", rows)
	}
	for _, absent := range []string{"Received (date and time)", "Kind", "Citizen's name", "Citizen's mobile"} {
		if column(rows, absent) >= 0 {
			t.Errorf("a station's export has the column %q", absent)
		}
	}
	date := column(rows, "Date")
	for _, r := range rows[1:] {
		if r[column(rows, "Station code")] != "st-a" || !dateOnly.MatchString(r[date]) {
			t.Errorf("row %v", r)
		}
		for _, cell := range r {
			if clock.MatchString(cell) || strings.Contains(cell, "9876543210") || strings.Contains(cell, "a-complaint") {
				t.Errorf("a station's export holds %q", cell)
			}
		}
	}
	// the workbook's date cells are days at midnight
	x := w.xlsxOf(t, testapp.StationA, "", excelize.Options{RawCellValue: true})
	raw, err := x.GetRows("anubhav")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range raw[1:] {
		if strings.Contains(r[date], ".") {
			t.Errorf("date cell %q has a time of day", r[date])
		}
	}
}

// Contacts come out only when asked for, only to the sub-division and the district, only
// where the citizen consented; the range never gets them.
func TestContactsOnlyOnRequestAndConsent(t *testing.T) {
	w := newWorld(t)
	for _, who := range []string{testapp.SDO, testapp.SP} {
		plain := w.csvOf(t, who, "")
		if column(plain, "Citizen's mobile") >= 0 || strings.Contains(strings.Join(slices.Concat(plain...), ","), "9876543210") {
			t.Errorf("%s: contacts without asking", who)
		}
		rows := w.csvOf(t, who, "contacts=1")
		name, mobile := column(rows, "Citizen's name"), column(rows, "Citizen's mobile")
		if name < 0 || mobile < 0 {
			t.Fatalf("%s: no contact columns: %v", who, rows[0])
		}
		got := map[string]string{}
		for _, r := range rows[1:] {
			if r[name] != "" {
				got[r[name]] = r[mobile]
			}
		}
		want := map[string]string{"Citizen a-exp": "9876543210", "Citizen a-complaint": "9876543210"}
		if len(got) != len(want) || got["Citizen a-exp"] != want["Citizen a-exp"] || got["Citizen a-complaint"] != want["Citizen a-complaint"] {
			t.Errorf("%s: contacts %v, want %v (none without consent, none of another district)", who, got, want)
		}
	}
	for _, who := range []string{testapp.StationA, testapp.IG} {
		if _, err := export.Parse(w.officer(t, who), url.Values{"contacts": {"1"}}, export.FormatCSV); err == nil {
			t.Errorf("%s may ask for contacts", who)
		}
	}
}

// Each item whose contact left in an export gets one follow-up naming the officer; items
// without a (consented) contact get none, and an export without contacts records nothing.
func TestContactExportIsOnTheThread(t *testing.T) {
	w := newWorld(t)
	exported := func() map[string]int {
		recs, err := w.app.FindAllRecords(schema.Followups)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range recs {
			if r.GetString("action") == schema.ActionExport {
				if r.GetString("author") != w.f.Officers[testapp.SP] || r.GetString("kind") != schema.FollowupNote || r.GetBool("public") {
					t.Errorf("follow-up %v", r.PublicExport())
				}
				out[r.GetString("feedback")]++
			}
		}
		return out
	}
	w.csvOf(t, testapp.SP, "")
	if n := len(exported()); n != 0 {
		t.Fatalf("%d follow-ups for an export without contacts", n)
	}
	w.csvOf(t, testapp.SP, "contacts=1")
	got := exported()
	if len(got) != 2 || got[w.f.Items["a-exp"]] != 1 || got[w.f.Items["a-complaint"]] != 1 {
		t.Errorf("follow-ups %v, want one each for a-exp and a-complaint", got)
	}
	w.xlsxOf(t, testapp.SP, "contacts=1&kind=complaint")
	if got := exported(); got[w.f.Items["a-complaint"]] != 2 || got[w.f.Items["a-exp"]] != 1 {
		t.Errorf("after a second export of the complaints: %v", got)
	}
}

// A download that breaks as its rows leave (the officer's connection cut, the disk full)
// still leaves the contacts of the batch it was writing on their threads: the follow-ups are
// saved before the rows are written, never after.
func TestContactExportIsRecordedBeforeItLeaves(t *testing.T) {
	w := newWorld(t)
	o := w.officer(t, testapp.SP)
	err := export.CSV(w.app, o, w.request(t, o, "contacts=1", export.FormatCSV), &brokenWriter{}, func() {})
	if err == nil {
		t.Fatal("the export did not see its writer fail")
	}
	for _, item := range []string{"a-exp", "a-complaint"} {
		n, err := w.app.CountRecords(schema.Followups, dbx.HashExp{"feedback": w.f.Items[item], "action": schema.ActionExport})
		if err != nil || n != 1 {
			t.Errorf("%s: %d follow-ups (%v), want 1: its contact was handed to the writer", item, n, err)
		}
	}
}

// brokenWriter takes the file's first write (its byte order mark) and fails the rest, as a
// connection cut after the response began does.
type brokenWriter struct{ writes int }

func (b *brokenWriter) Write(p []byte) (int, error) {
	if b.writes++; b.writes > 1 {
		return 0, errors.New("connection reset by peer")
	}
	return len(p), nil
}

// Cells that begin like a formula come out as text, in CSV and in the workbook.
func TestFormulasAreNeutralised(t *testing.T) {
	w := newWorld(t)
	rows := w.csvOf(t, testapp.IG, "")
	comment := column(rows, "Your suggestions, or anything else")
	var comments []string
	for _, r := range rows[1:] {
		comments = append(comments, r[comment])
	}
	for _, f := range w.formulas {
		if !slices.Contains(comments, "'"+f) {
			t.Errorf("%q is not neutralised in %q", f, comments)
		}
	}
	x := w.xlsxOf(t, testapp.IG, "")
	for i := range rows[1:] {
		cell, _ := excelize.CoordinatesToCellName(comment+1, i+2)
		formula, err := x.GetCellFormula("anubhav", cell)
		if err != nil || formula != "" {
			t.Errorf("%s has a formula %q (%v)", cell, formula, err)
		}
		v, _ := x.GetCellValue("anubhav", cell)
		if v != comments[i] {
			t.Errorf("%s: %q, want %q", cell, v, comments[i])
		}
	}
}

// The workbook read back holds the CSV's cells, row by row, with real date cells.
func TestTheWorkbookEqualsTheCSV(t *testing.T) {
	w := newWorld(t)
	sp := w.officer(t, testapp.SP)
	sp.Set("lang", "hi")
	if err := w.app.Save(sp); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ who, query string }{{testapp.SP, "contacts=1"}, {testapp.StationA, ""}, {testapp.IG, "status=open"}} {
		want := w.csvOf(t, c.who, c.query)
		x := w.xlsxOf(t, c.who, c.query)
		got, err := x.GetRows("anubhav")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows in the workbook, %d in the CSV", c.who, len(got), len(want))
		}
		for i := range want {
			if trimmed := trimEnd(want[i]); !slices.Equal(trimEnd(got[i]), trimmed) {
				t.Errorf("%s row %d:\nxlsx %q\ncsv  %q", c.who, i, got[i], trimmed)
			}
		}
		// the second column is a date cell: a number with a date format
		x.Close()
		raw := w.xlsxOf(t, c.who, c.query, excelize.Options{RawCellValue: true})
		v, _ := raw.GetCellValue("anubhav", "B2")
		typ, _ := raw.GetCellType("anubhav", "B2")
		if dateOnly.MatchString(v) || dateTime.MatchString(v) || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s: B2 is %q (%v), not a date number", c.who, v, typ)
		}
	}
	// the Hindi officer's labels are Hindi
	if rows := w.csvOf(t, testapp.SP, ""); rows[0][0] != "संदर्भ" || column(rows, "थाना कोड") < 0 {
		t.Errorf("header %q", rows[0])
	}
}
