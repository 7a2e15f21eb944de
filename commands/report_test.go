package commands

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"anubhav/browser"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// The report command writes the area's report and each station's (the closed st-off, with
// no responses, has none), as the station's officer sees its own: no complaints. Where
// Chromium is installed it prints each to PDF.
func TestReportCommandWritesTheAreasReports(t *testing.T) {
	app, _ := testapp.New(t)
	ist, _ := time.LoadLocation("Asia/Kolkata")
	month := time.Now().In(ist).Format("2006-01") // the fixture's items came this month
	dir := filepath.Join(t.TempDir(), "reports")
	cmd := reportCommand(app)
	var out, log bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&log)
	cmd.SetArgs([]string{"--month", month, "--area", "d1", "--out", dir})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	pdfs := 0
	want := []string{"d1.html", "st-a.html", "st-b.html", "st-d.html"}
	if browser.Path() != "" {
		pdfs = 4
		want = []string{"d1.html", "d1.pdf", "st-a.html", "st-a.pdf", "st-b.html", "st-b.pdf", "st-d.html", "st-d.pdf"}
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v", names, want)
	}
	if got := out.String(); got != fmt.Sprintf("wrote 4 reports (%d PDFs) to %s\n", pdfs, dir) {
		t.Errorf("output %q", got)
	}
	if n := strings.Count(log.String(), "wrote "+dir); n != 4 {
		t.Errorf("%d progress lines for the reports:\n%s", n, log.String())
	}
	// citizens' comments are in them: for the server's owner only, as the data folder
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the folder's mode: %v %v", info.Mode(), err)
	}
	for _, name := range names {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if strings.HasSuffix(name, ".pdf") != bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s holds %.20q", name, b)
		}
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s's mode: %v %v", name, info.Mode(), err)
		}
	}
	district, _ := os.ReadFile(filepath.Join(dir, "d1.html"))
	station, _ := os.ReadFile(filepath.Join(dir, "st-a.html"))
	title := words.T(words.Hindi, "report.title")                           // Hindi by default
	complaints := "<th>" + words.T(words.Hindi, "kind.complaint") + "</th>" // the comparison's row
	for _, c := range []struct {
		name       string
		doc        []byte
		has, hasNo []string
	}{
		{"d1.html", district, []string{title, "थाना st-a", "थाना st-d", complaints, "data:font/woff2;base64,"}, []string{"<script", "url(noto"}},
		{"st-a.html", station, []string{title, "थाना st-a", "data:font/woff2;base64,"}, []string{complaints, "a-complaint", "थाना st-b"}},
	} {
		for _, s := range c.has {
			if !bytes.Contains(c.doc, []byte(s)) {
				t.Errorf("%s lacks %q", c.name, s)
			}
		}
		for _, s := range c.hasNo {
			if bytes.Contains(c.doc, []byte(s)) {
				t.Errorf("%s holds %q", c.name, s)
			}
		}
	}
}

// A bad flag is named in the error.
func TestReportCommandNamesTheBadFlag(t *testing.T) {
	app, _ := testapp.New(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--month", "2026-13", "--area", "d1"}, "--month 2026-13: " + words.T(words.Hindi, "report.error.month")},
		{[]string{"--month", "2999-01", "--area", "d1", "--lang", "en"}, "--month 2999-01: " + words.T(words.English, "report.error.future")},
		{[]string{"--month", "2026-01", "--area", "zz-nowhere"}, "--area zz-nowhere: no area has this code"},
		{[]string{"--month", "2026-01", "--area", "d1", "--lang", "xx"}, "--lang xx: no catalog has this language"},
		{[]string{"--area", "d1"}, `required flag(s) "month" not set`},
	} {
		cmd := reportCommand(app)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(append(c.args, "--out", t.TempDir()))
		err := cmd.Execute()
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}
