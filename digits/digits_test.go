package digits_test

import (
	"testing"

	"anubhav/digits"
)

func TestRead(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, seps string
		max      int
		want     string
		ok       bool
	}{
		{"1234-5678", "-", 16, "12345678", true},
		{"१२३४ ५६७८", "", 16, "12345678", true},
		{"+91 (98765) 43210", "+()-", 12, "919876543210", true},
		{"1234-5678", "", 16, "", false},
		{"12a4", "-", 16, "", false},
		{"123456", "", 5, "", false},
		{"", "", 5, "", true},
	}
	for _, c := range cases {
		got, ok := digits.Read(c.in, c.seps, c.max)
		if got != c.want || ok != c.ok {
			t.Errorf("Read(%q, %q, %d) = %q, %v; want %q, %v", c.in, c.seps, c.max, got, ok, c.want, c.ok)
		}
	}
}
