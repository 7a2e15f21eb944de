// Package spreadsheet holds what every file the appliance writes for a spreadsheet shares.
package spreadsheet

import "strings"

// Neutral keeps a spreadsheet from reading a text as a formula: a cell that begins with =,
// +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP's advice on CSV
// injection has it. Citizens write comments and officers name stations, so every text cell
// of an export or an open-data file passes through here.
func Neutral(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
