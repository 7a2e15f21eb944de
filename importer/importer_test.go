package importer_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/importer"
	"anubhav/progress"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// The fixture (testapp) holds areas rg > d1 > s1, rg > d2 > s2 and stations st-a, st-b,
// st-off (inactive) in s1, st-d in d1, st-c in s2.

type importFunc func(core.App, io.ReadSeeker, progress.Func) (importer.Summary, error)

// snapshot is every area and station as stored, to show that a failed import changed nothing.
func snapshot(t *testing.T, app core.App) string {
	return testapp.Dump(t, app,
		"SELECT id, code, name, name_hi, kind, parent FROM areas ORDER BY code",
		"SELECT id, code, name, name_hi, kind, area, address, active, district, updated FROM stations ORDER BY code")
}

const stationHeader = "code,name,name_hi,kind,area,address\n"

func TestBadFileImportsNothingAndNamesLineAndField(t *testing.T) {
	// Each file has good rows besides the bad one (a new record and a change to an existing
	// one), so that "nothing changed" means the good rows were held back too.
	const goodArea = "d3,District Three,जिला तीन,district,rg\ns1,Renamed S1,नया एस1,subdivision,d1\n"
	const goodStation = "st-new,New Station,नया थाना,thana,s1,Main Road\nst-a,Renamed A,नया ए,thana,s1,Main Road\n"
	cases := []struct {
		name        string
		run         importFunc
		file        string
		line        int
		field       string
		mentioning  string
		allProblems int
	}{
		{"area with unknown parent", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,उप नौ,subdivision,nowhere\n", 4, "parent", `"nowhere"`, 1},
		{"area with bad kind", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,उप नौ,block,d1\n", 4, "kind", `"block"`, 1},
		{"area whose parent has the wrong kind", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,उप नौ,subdivision,rg\n", 4, "parent", "must be a district", 1},
		{"range with a parent", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "rg2,Range Two,रेंज दो,range,rg\n", 4, "parent", "no parent", 1},
		{"area with areas under it changing its kind", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "d2,District Two,जिला दो,subdivision,d1\n", 4, "kind", "cannot become a subdivision", 1},
		{"duplicate code in the file", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "d3,District 3 again,जिला तीन,district,rg\n", 4, "code", "line 2", 1},
		{"missing Hindi name", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,,subdivision,d1\n", 4, "name_hi", "missing", 1},
		{"Hindi name in Latin letters", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,Station X,thana,s1,\n", 4, "name_hi", "Devanagari", 1},
		{"code that is not a slug", importer.Stations,
			stationHeader + goodStation + "St X,Station X,थाना एक्स,thana,s1,\n", 4, "code", "lowercase", 1},
		{"station with unknown area", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,s7,\n", 4, "area", `"s7"`, 1},
		{"station under a range", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,rg,\n", 4, "area", "range", 1},
		{"station with bad kind", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,police,s1,\n", 4, "kind", `"police"`, 1},
		{"station with bad active", importer.Stations,
			"code,name,name_hi,kind,area,address,active\nst-new,New,नया,thana,s1,,yes\nst-x,Station X,थाना एक्स,thana,s1,,maybe\n", 3, "active", `"maybe"`, 1},
		{"Latin-1 text (not UTF-8)", importer.Stations,
			stationHeader + goodStation + "st-x,Caf\xe9 Chowk,कैफ़े चौक,chowki,s1,\n", 4, "name", "UTF-8", 1},
		// Cells a spreadsheet would run as formulas, and control characters (issue 16).
		{"name that is a formula", importer.Stations,
			stationHeader + goodStation + "st-x,\"=HYPERLINK(\"\"http://x.example\"\",\"\"Click\"\")\",थाना एक्स,thana,s1,\n", 4, "name", "formula", 1},
		{"address starting with a plus", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,s1,+91 98765 43210\n", 4, "address", `starts with "+"`, 1},
		{"Hindi name starting with an at sign", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,@SUM(1+1)*cmd,thana,s1,\n", 4, "name_hi", `starts with "@"`, 1},
		{"address starting with a minus", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,s1,-2+3+cmd|' /C calc'!A0\n", 4, "address", `starts with "-"`, 1},
		{"formula behind a tab and spaces", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,\"\t =1+1\",उप नौ,subdivision,d1\n", 4, "name", "formula", 1},
		{"area parent that is a formula", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,उप नौ,subdivision,=d1\n", 4, "parent", "formula", 1},
		{"NUL in a name", importer.Stations,
			stationHeader + goodStation + "st-x,Station\x00X,थाना एक्स,thana,s1,\n", 4, "name", "U+0000 (NUL) at character 8", 1},
		{"tab inside a Hindi name", importer.Areas,
			"code,name,name_hi,kind,parent\n" + goodArea + "s9,Sub Nine,उप\tनौ,subdivision,d1\n", 4, "name_hi", "U+0009 (tab)", 1},
		{"line break inside a quoted address", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,s1,\"Main\nRoad\"\n", 4, "address", "U+000A (line feed)", 1},
		{"escape character in a code", importer.Stations,
			stationHeader + goodStation + "st-\x1bx,Station X,थाना एक्स,thana,s1,\n", 4, "code", "U+001B", 1},
		{"C1 control in an address", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana,s1,Main\u0085Road\n", 4, "address", "U+0085", 1},
		{"missing column", importer.Stations,
			"code,name,kind,area,address\nst-x,Station X,thana,s1,\n", 1, "name_hi", "missing column", 1},
		{"misspelt column", importer.Areas,
			"code,nmae,name_hi,kind,parent\n" + goodArea, 1, "nmae", "unknown column", 2},
		{"short row", importer.Stations,
			stationHeader + goodStation + "st-x,Station X,थाना एक्स,thana\n", 4, "", "4 fields", 1},
		{"UTF-16 file", importer.Stations,
			"\xff\xfec\x00o\x00d\x00e\x00", 1, "", "UTF-16", 1},
		{"empty file", importer.Areas, "", 1, "", "header", 1},
		{"every bad row is reported", importer.Stations,
			stationHeader + "st-x,X,थाना,thana,nowhere,\n" + goodStation + "st-y,Y,,thana,s1,\nst-x,X2,थाना,thana,s1,\n", 2, "area", "nowhere", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, _ := testapp.New(t)
			before := snapshot(t, app)

			_, err := tc.run(app, strings.NewReader(tc.file), nil)

			var problems *importer.Problems
			if !errors.As(err, &problems) {
				t.Fatalf("want importer.Problems, got %v", err)
			}
			if problems.Total != tc.allProblems || len(problems.List) != tc.allProblems {
				t.Errorf("want %d problems, got %d (%d listed):\n%v", tc.allProblems, problems.Total, len(problems.List), err)
			}
			p := problems.List[0]
			if p.Line != tc.line || p.Field != tc.field || !strings.Contains(p.Message, tc.mentioning) {
				t.Errorf("want line %d, field %q, mentioning %q; got %+v", tc.line, tc.field, tc.mentioning, p)
			}
			where := fmt.Sprintf("line %d", tc.line)
			if tc.field != "" {
				where += ", field " + tc.field
			}
			if !strings.Contains(err.Error(), where) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("message %q should name %q and say nothing was imported", err, where)
			}
			if after := snapshot(t, app); after != before {
				t.Errorf("a bad file changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestUpsertUpdatesAddsAndKeepsIDs(t *testing.T) {
	app, f := testapp.New(t)
	// A spreadsheet's byte order mark and line ends; a new sub-division before its new
	// district (parents may come later in the file); s1 renamed.
	areasFile := "\xef\xbb\xbfcode,name,name_hi,kind,parent\r\n" +
		"s3,Sub Three,उप तीन,subdivision,d3\r\n" +
		"d3,District Three,जिला तीन,district,rg\r\n" +
		"s1,Sub One,उप एक,subdivision,d1\r\n"
	sum, err := importer.Areas(app, strings.NewReader(areasFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (importer.Summary{Created: 2, Updated: 1}) {
		t.Errorf("areas: %v", sum)
	}

	// st-a renamed and moved to the new sub-division; st-b unchanged; st-off left out of
	// the active column (empty), so it stays inactive; st-new added.
	stationsFile := "code,name,name_hi,kind,area,address,active\n" +
		"st-a,Kotwali,कोतवाली,thana,s3,Station Road,yes\n" +
		"st-b,Station st-b,थाना st-b,thana,s1,Main Road,\n" +
		"st-off,Station st-off,थाना st-off,thana,s1,Main Road,\n" +
		"st-new,Naya Thana,नया थाना,chowki,s1,,\n"
	var steps []int
	sum, err = importer.Stations(app, strings.NewReader(stationsFile), func(done, total int) {
		steps = append(steps, done)
		if total != 4 {
			t.Errorf("total %d", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum != (importer.Summary{Created: 1, Updated: 1, Unchanged: 2}) {
		t.Errorf("stations: %v", sum)
	}
	if fmt.Sprint(steps) != "[4]" {
		t.Errorf("progress steps %v", steps)
	}

	s1, err := app.FindFirstRecordByData(schema.Areas, "code", "s1")
	if err != nil || s1.Id != f.Areas["s1"] || s1.GetString("name_hi") != "उप एक" {
		t.Errorf("s1 should keep its id and take the new name: %v %v", s1, err)
	}
	s3, _ := app.FindFirstRecordByData(schema.Areas, "code", "s3")
	d3, _ := app.FindFirstRecordByData(schema.Areas, "code", "d3")
	if s3 == nil || d3 == nil || s3.GetString("parent") != d3.Id || d3.GetString("parent") != f.Areas["rg"] {
		t.Fatalf("new areas not linked: s3=%v d3=%v", s3, d3)
	}

	a, _ := app.FindRecordById(schema.Stations, f.Stations["st-a"])
	if a.GetString("name") != "Kotwali" || a.GetString("area") != s3.Id || a.GetString("district") != d3.Id {
		t.Errorf("st-a should be renamed and re-filed under s3 / d3: %v", a)
	}
	// Its items follow it (hooks/hierarchy.go), so the new district's officers see them.
	item, _ := app.FindRecordById(schema.Feedback, f.Items["a-exp"])
	if item.GetString("district") != d3.Id {
		t.Errorf("item of st-a is still filed under %s", item.GetString("district"))
	}
	off, _ := app.FindRecordById(schema.Stations, f.Stations["st-off"])
	if off.GetBool("active") {
		t.Error("an empty active cell should keep st-off inactive")
	}
	added, err := app.FindFirstRecordByData(schema.Stations, "code", "st-new")
	if err != nil || !added.GetBool("active") || added.GetString("district") != f.Areas["d1"] {
		t.Errorf("st-new should be added, active, in d1: %v %v", added, err)
	}

	// The same files again change nothing.
	again, err := importer.Stations(app, strings.NewReader(stationsFile), nil)
	if err != nil || again != (importer.Summary{Unchanged: 4}) {
		t.Errorf("second import: %v %v", again, err)
	}
}

func TestStationsCanBeDeactivated(t *testing.T) {
	app, f := testapp.New(t)
	_, err := importer.Stations(app, strings.NewReader("code,name,name_hi,kind,area,address,active\n"+
		"st-b,Station st-b,थाना st-b,thana,s1,Main Road,no\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := app.FindRecordById(schema.Stations, f.Stations["st-b"])
	if b.GetBool("active") {
		t.Error("active=no should deactivate st-b")
	}
}

func TestProblemsAreCappedAndCounted(t *testing.T) {
	app, _ := testapp.New(t)
	before := snapshot(t, app)
	var file strings.Builder
	file.WriteString(stationHeader)
	for i := range 120 {
		fmt.Fprintf(&file, "st-%d,=cmd,थाना,thana,s1,\n", i) // a formula on every line: lines 2 to 121
	}
	_, err := importer.Stations(app, strings.NewReader(file.String()), nil)

	var problems *importer.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("want importer.Problems, got %v", err)
	}
	if problems.Total != 120 || len(problems.List) != importer.MaxShown {
		t.Errorf("want 120 problems with the first %d listed, got %d with %d", importer.MaxShown, problems.Total, len(problems.List))
	}
	if first, last := problems.List[0], problems.List[len(problems.List)-1]; first.Line != 2 || last.Line != 51 || first.Field != "name" {
		t.Errorf("listed from %+v to %+v, want lines 2 to 51, field name", first, last)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "120 problems in the file; nothing was imported:") || !strings.Contains(msg, "… and 70 more") ||
		strings.Contains(msg, "line 52,") {
		t.Errorf("message:\n%s", msg)
	}
	if after := snapshot(t, app); after != before {
		t.Error("a bad file changed the database")
	}
}

func TestProblemsFoundAtTheEndKeepTheFirstLines(t *testing.T) {
	app, _ := testapp.New(t)
	// Each area names a parent that is nowhere: known only once the whole file is read. The
	// first lines also have a bad kind, found as they are read; the report lists by line.
	var file strings.Builder
	file.WriteString("code,name,name_hi,kind,parent\n")
	for i := range 60 {
		fmt.Fprintf(&file, "s-%d,Sub %d,उप %d,subdivision,nowhere\n", i, i, i)
	}
	file.WriteString("s-late,Late,देर,block,d1\n")
	_, err := importer.Areas(app, strings.NewReader(file.String()), nil)
	var problems *importer.Problems
	if !errors.As(err, &problems) || problems.Total != 61 {
		t.Fatalf("want 61 problems, got %v", err)
	}
	if problems.List[0].Line != 2 || problems.List[0].Field != "parent" || problems.List[importer.MaxShown-1].Line != 51 {
		t.Errorf("want lines 2 to 51 in order, got %+v … %+v", problems.List[0], problems.List[importer.MaxShown-1])
	}
}

func TestPlainTextThatLooksLikeSignsIsKept(t *testing.T) {
	app, _ := testapp.New(t)
	// A hyphen alone is a spreadsheet's "none"; signs inside a value are no formula; the
	// joiners of Devanagari (U+200D, U+200C) are letters' business, not control characters.
	file := stationHeader +
		"st-dash,Ram-Nagar,राम-नगर,thana,s1,-\n" +
		"st-dashes,A = B Chowk,क्\u200dष चौकी,chowki,s1,--\n" +
		"st-plus,Naya Thana,नया\u200c थाना,thana,s1,Plot 5 + 6 @ Main Road\n"
	sum, err := importer.Stations(app, strings.NewReader(file), nil)
	if err != nil || sum.Created != 3 {
		t.Fatalf("%v %v", sum, err)
	}
	for code, address := range map[string]string{"st-dash": "-", "st-dashes": "--", "st-plus": "Plot 5 + 6 @ Main Road"} {
		s, err := app.FindFirstRecordByData(schema.Stations, "code", code)
		if err != nil || s.GetString("address") != address {
			t.Errorf("%s: address %q, want %q (%v)", code, s.GetString("address"), address, err)
		}
	}
}
