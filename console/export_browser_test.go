package console_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// The inbox's export button, with the inbox's filter and the contacts ticked, shows its
// progress and saves a CSV file holding the filter's rows and their contacts; the items'
// threads record it. The dashboard's exports its scope and period.
func TestTheInboxAndTheDashboardExportToAFile(t *testing.T) {
	b, app, f := open(t, browsertest.Options{Width: 1024})
	dir := t.TempDir()
	b.run("allow downloads", cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir))
	b.login(testapp.SP)
	b.run("filter and export",
		chromedp.Navigate(b.url+"/console/#/?station="+f.Stations["st-a"]),
		chromedp.WaitVisible("details.export summary"),
		chromedp.Click("details.export summary"),
		chromedp.Click("#export-contacts"),
		chromedp.WaitVisible("details.export .notice.warn"),
		chromedp.Click("button.export-csv"),
		chromedp.WaitVisible("a.export-file"),
	)
	if said := b.text(".export-progress"); !strings.Contains(said, "3 rows") {
		t.Errorf("the progress says %q", said)
	}
	var file string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		found, _ := filepath.Glob(filepath.Join(dir, "anubhav-st-a-*.csv"))
		if len(found) == 1 {
			file = found[0]
			break
		}
	}
	if file == "" {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no file saved: %v", entries)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
	}
	for _, name := range []string{"a-exp", "a-complaint", "a-tip"} {
		want = append(want, console.Ref(f.Items[name]))
	}
	if slices.Sort(got); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("the file holds %v, want %v", got, want)
	}
	if !strings.Contains(string(raw), "Citizen a-exp,9876543210") {
		t.Errorf("no contact in the file:\n%s", raw)
	}
	notes, err := app.FindAllRecords(schema.Followups)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range notes {
		if r.GetString("action") == schema.ActionExport {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d export follow-ups, want 2 (a-exp and a-complaint)", n)
	}

	// the dashboard's card exports its scope (sub-division s1) and period
	from, to := time.Now().AddDate(0, 0, -2).Format(time.DateOnly), time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	b.run("export from the dashboard",
		chromedp.Navigate(b.url+"/console/#/dashboard?area=s1&from="+from+"&to="+to),
		chromedp.WaitVisible("details.export summary"),
		chromedp.Click("details.export summary"),
		chromedp.Click("button.export-csv"),
		chromedp.WaitVisible("a.export-file"),
	)
	if said := b.text(".export-progress"); !strings.Contains(said, "4 rows") { // a-exp, a-complaint, a-tip, b-exp
		t.Errorf("the dashboard's export says %q", said)
	}
	if href := b.attr("a.export-file", "download"); href != "anubhav-s1-"+from+"-"+to+".csv" {
		t.Errorf("the dashboard's file is %q", href)
	}
}

func (b browser) attr(sel, name string) string {
	b.t.Helper()
	var v string
	var ok bool
	b.run("read "+sel+" "+name, chromedp.AttributeValue(sel, name, &v, &ok))
	return v
}
