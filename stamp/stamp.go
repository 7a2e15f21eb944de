// Package stamp converts between times and the text PocketBase stores them as, and shortens
// a text for a list: the helpers every list, digest and query shares.
package stamp

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/tools/types"
)

// DB is a time as PocketBase stores it (UTC), for comparisons in SQL.
func DB(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }

// Date is the local date (YYYY-MM-DD) of a stored time, or "" for none.
func Date(stored string, loc *time.Location) string {
	t, err := types.ParseDateTime(stored)
	if err != nil || t.IsZero() {
		return ""
	}
	return t.Time().In(loc).Format(time.DateOnly)
}

// Excerpt is a text on one line, cut to at most runes characters with an ellipsis.
func Excerpt(s string, runes int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= runes {
		return s
	}
	return string([]rune(s)[:runes]) + "…"
}
