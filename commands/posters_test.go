package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"anubhav/testkit/qrtest"
	"anubhav/testkit/testapp"
)

func TestPostersCommandWritesAnAreasPosters(t *testing.T) {
	app, _ := testapp.New(t)
	dir := filepath.Join(t.TempDir(), "s1 posters")
	cmd := postersCommand(app)
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs([]string{"--area", "s1", "--out", dir, "--paper", "a5"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "wrote 2 posters to "+dir+"\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	// the test app's App URL is PocketBase's default, localhost: the posters would lead nowhere
	if warn := errOut.String(); !strings.HasPrefix(warn, "warning: The App URL is http://localhost:8090, which opens on this computer only") {
		t.Errorf("warning %q", warn)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"fonts", "posters.html", "st-a.html", "st-a.png", "st-a.svg", "st-b.html", "st-b.png", "st-b.svg"}
	if !slices.Equal(names, want) { // st-off is inactive: no poster
		t.Errorf("wrote %v, want %v", names, want)
	}
	png, _ := os.ReadFile(filepath.Join(dir, "st-a.png"))
	if got := qrtest.Text(t, png); got != "http://localhost:8090/s/st-a" {
		t.Errorf("st-a.png holds %q", got)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "st-b.html"))
	for _, s := range []string{`href="fonts/noto-sans-devanagari.css"`, "Station st-b", "size:A5", "<svg"} {
		if !strings.Contains(string(html), s) {
			t.Errorf("st-b.html lacks %q", s)
		}
	}
	if strings.Contains(string(html), "toolbar\">") {
		t.Errorf("st-b.html has the server's toolbar, whose links lead nowhere from a file")
	}
	all, _ := os.ReadFile(filepath.Join(dir, "posters.html"))
	if strings.Count(string(all), `class="sheet`) != 2 {
		t.Errorf("posters.html does not hold both posters")
	}
	for _, font := range []string{"noto-sans-devanagari.css", "noto-sans-devanagari-devanagari-400-normal.woff2", "OFL.txt"} {
		if _, err := os.Stat(filepath.Join(dir, "fonts", font)); err != nil {
			t.Errorf("fonts: %v", err)
		}
	}
}

func TestPostersCommandRefusesBadInput(t *testing.T) {
	app, _ := testapp.New(t)
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--area", "nowhere", "--out", t.TempDir()}, `not found: no area has the code "nowhere"`},
		{[]string{"--area", "s1", "--out", t.TempDir(), "--paper", "letter"}, `paper must be a4 or a5, not "letter"`},
		{[]string{"--out", t.TempDir()}, `required flag(s) "area" not set`},
	} {
		cmd := postersCommand(app)
		cmd.SetArgs(c.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		if err := cmd.Execute(); err == nil || err.Error() != c.err {
			t.Errorf("%v: error %v, want %q", c.args, err, c.err)
		}
	}
}
