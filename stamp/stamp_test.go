package stamp_test

import (
	"testing"
	"time"

	"anubhav/stamp"
)

func TestStamps(t *testing.T) {
	t.Parallel()
	ist, _ := time.LoadLocation("Asia/Kolkata")
	at := time.Date(2026, 12, 4, 23, 45, 0, 0, ist)
	stored := stamp.DB(at)
	if stored != "2026-12-04 18:15:00.000Z" {
		t.Errorf("DB %q", stored)
	}
	if d := stamp.Date(stored, ist); d != "2026-12-04" {
		t.Errorf("local date %q", d)
	}
	if d := stamp.Date(stored, time.UTC); d != "2026-12-04" {
		t.Errorf("UTC date %q", d)
	}
	if d := stamp.Date("", ist); d != "" {
		t.Errorf("no time gave %q", d)
	}
	if e := stamp.Excerpt("  नमस्ते\n  दुनिया  ", 20); e != "नमस्ते दुनिया" {
		t.Errorf("excerpt %q", e)
	}
	if e := stamp.Excerpt("abcdef", 3); e != "abc…" {
		t.Errorf("cut excerpt %q", e)
	}
}
