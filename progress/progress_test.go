package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestBarRedrawsOneLine(t *testing.T) {
	var out bytes.Buffer
	bar := Bar(&out, "importing")
	for i := 1; i <= 4; i++ {
		bar(i, 4)
	}
	lines := strings.Split(out.String(), "\r")
	if got := lines[len(lines)-1]; got != "importing [##############################] 4/4\n" {
		t.Errorf("last draw %q", got)
	}
	if !strings.Contains(out.String(), "\rimporting [#######.......................] 1/4") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("bar output %q", out.String())
	}
}

func TestLinesReportEveryTenth(t *testing.T) {
	var out bytes.Buffer
	lines := Lines(&out, "importing")
	for i := 1; i <= 1000; i++ {
		lines(i, 1000)
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != 11 || got[0] != "importing: 1/1000" || got[10] != "importing: 1000/1000" {
		t.Errorf("%d lines: %q", len(got), got)
	}
}

func TestCountingShowsTheRate(t *testing.T) {
	start := time.Date(2026, 12, 4, 22, 0, 0, 0, time.UTC)
	clock := start
	r := rate{unit: "rows", start: start, now: func() time.Time { return clock }}
	var out bytes.Buffer
	show := lines(&out, "importing stations", r)
	clock = start.Add(2 * time.Second)
	show(50000, 200000)
	clock = start.Add(8 * time.Second)
	show(200000, 200000)
	want := "importing stations: 50000/200000, 25000 rows/s\nimporting stations: 200000/200000, 25000 rows/s\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	out.Reset()
	bar(&out, "importing", r)(100, 200)
	if got := out.String(); got != "\rimporting [###############...............] 100/200, 12 rows/s" {
		t.Errorf("bar %q", got)
	}
}
