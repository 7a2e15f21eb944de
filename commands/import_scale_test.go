package commands

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"anubhav/testkit/procmem"
	"anubhav/testkit/testapp"
)

// The import's budget (DESIGN.md, issue 16): 200,000 stations or areas in ≤ 20 s and
// ≤ 200 MB resident, measured on the import command in a process of its own: its peak
// resident memory (VmHWM) includes the test app it opens. Always run with 2,000 rows; the
// budget's size with
//
//	ANUBHAV_IMPORT_ROWS=200000 GOTOOLCHAIN=auto go test ./commands/ -run ImportScale -v
const (
	importRowsEnv   = "ANUBHAV_IMPORT_ROWS"
	importChildEnv  = "ANUBHAV_IMPORT_CHILD" // what:file,… for the child process
	importBudget    = 20 * time.Second
	importBudgetRSS = 200 << 20
)

func TestImportScale(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the peak resident memory from /proc")
	}
	rows := 2000
	if v := os.Getenv(importRowsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of rows", importRowsEnv, v)
		}
		rows = n
	}
	dir := t.TempDir()
	areas, stations, changed := filepath.Join(dir, "areas.csv"), filepath.Join(dir, "stations.csv"), filepath.Join(dir, "changed.csv")
	writeFile(t, areas, rows, func(i int) string {
		// One district for every hundred rows under the fixture's range, sub-divisions under them.
		if i%100 == 0 {
			return fmt.Sprintf("dist-%d,District %d,जिला %d,district,rg", i/100, i, i)
		}
		return fmt.Sprintf("sub-%d,Sub-division %d,उपखंड %d,subdivision,dist-%d", i, i, i, i/100)
	}, "code,name,name_hi,kind,parent")
	station := func(road string) func(i int) string {
		return func(i int) string {
			return fmt.Sprintf("stn-%d,Station %d,थाना %d,thana,%s,\"%s %d, Durg\"", i, i, i, []string{"s1", "s2", "d1"}[i%3], road, i)
		}
	}
	writeFile(t, stations, rows, station("Station Road"), "code,name,name_hi,kind,area,address")
	writeFile(t, changed, rows, station("Main Road"), "code,name,name_hi,kind,area,address")

	// One process imports the three files in turn (its test app is made once, and its peak
	// after each import includes the imports before: the figures are upper bounds).
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), importChildEnv+"=areas:"+areas+",stations:"+stations+",stations:"+changed)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, stderr.String())
	}
	measured := regexp.MustCompile(`(?m)^measured: (\S+) seconds, (\d+) kB peak$`).FindAllSubmatch(out, -1)
	if len(measured) != 3 {
		t.Fatalf("want 3 measurements in:\n%s", out)
	}
	for i, run := range []struct{ name, want string }{
		{"new areas", fmt.Sprintf("areas: %d created", rows)},
		{"new stations", fmt.Sprintf("stations: %d created", rows)},
		{"every station changed", fmt.Sprintf("stations: 0 created, %d updated", rows)},
	} {
		seconds, _ := strconv.ParseFloat(string(measured[i][1]), 64)
		peak, _ := strconv.Atoi(string(measured[i][2]))
		t.Logf("%s, %d rows: %.2f s (%.0f rows/s), %.0f MB peak resident", run.name, rows, seconds, float64(rows)/seconds, float64(peak)/1024)
		if !strings.Contains(string(out), run.want) {
			t.Errorf("the command said:\n%s\nwant %q", out, run.want)
		}
		if time.Duration(seconds*float64(time.Second)) > importBudget || peak<<10 > importBudgetRSS {
			t.Errorf("%s: over the budget of %v and %d MB", run.name, importBudget, importBudgetRSS>>20)
		}
	}
	if !strings.Contains(stderr.String(), " rows/s") {
		t.Errorf("no rate in the progress:\n%s", stderr.String())
	}
}

func writeFile(t *testing.T, path string, rows int, line func(i int) string, header string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, header)
	for i := range rows {
		fmt.Fprintln(w, line(i))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestImportChild is the process TestImportScale measures: the import command on a test
// app, for each what:file in turn. It does nothing in a test run of its own.
func TestImportChild(t *testing.T) {
	spec := os.Getenv(importChildEnv)
	if spec == "" {
		t.Skip("run by TestImportScale in a process of its own")
	}
	app, _ := testapp.New(t)
	for _, step := range strings.Split(spec, ",") {
		what, file, _ := strings.Cut(step, ":")
		cmd := importCommand(app)
		cmd.SetOut(os.Stdout)
		cmd.SetArgs([]string{what, file})
		start := time.Now()
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		_, peak := procmem.Of(t, 0)
		fmt.Printf("measured: %.3f seconds, %d kB peak\n", time.Since(start).Seconds(), int(peak*1024))
	}
}
