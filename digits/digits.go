// Package digits reads numbers as people in India type them: in ASCII or Devanagari digits
// (U+0966 to U+096F), with spaces, dashes and the like between groups.
package digits

import "strings"

const devanagariZero = '\u0966'

// Read returns the ASCII digits of s, dropping the separators it allows (spaces always),
// and false if s holds anything else or more than max digits.
func Read(s, separators string, max int) (string, bool) {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= devanagariZero && c <= devanagariZero+9:
			b.WriteRune('0' + (c - devanagariZero))
		case c == ' ' || c == '\u00a0' || c == '\t' || strings.ContainsRune(separators, c):
		default:
			return "", false
		}
		if b.Len() > max {
			return "", false
		}
	}
	return b.String(), true
}
