package spreadsheet

import "testing"

func TestNeutral(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+91 98765":                "'+91 98765",
		"-1":                       "'-1",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"\rx":                      "'\rx",
		"":                         "",
		"थाना =":                   "थाना =",
		"Supela":                   "Supela",
	} {
		if got := Neutral(in); got != want {
			t.Errorf("Neutral(%q) = %q, want %q", in, got, want)
		}
	}
}
