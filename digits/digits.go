// Package digits reads numbers as people in India type them: in ASCII or Devanagari digits
// (०-९), with spaces, dashes and the like between groups.
package digits

import "strings"

// Read returns the ASCII digits of s, dropping the separators it allows (spaces always),
// and false if s holds anything else or more than max digits.
func Read(s, separators string, max int) (string, bool) {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= '०' && c <= '९':
			b.WriteRune('0' + (c - '०'))
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
