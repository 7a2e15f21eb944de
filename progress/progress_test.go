package progress

import (
	"bytes"
	"strings"
	"testing"
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
