package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"anubhav/schema"
	"anubhav/words"
)

var codePattern = regexp.MustCompile(schema.CodePattern)

// Lengths of the collections' text fields (migrations/1764000000_collections.go).
const (
	maxCode    = 64
	maxName    = 120
	maxAddress = 300
)

// checker checks the cells common to areas and stations.
type checker struct {
	problems Problems
}

// code checks a row's code. It returns the code where it is well formed and on no earlier
// line (firstLine tells on which line a code came first, 0 for none), "" otherwise.
func (c *checker) code(r row, firstLine func(code string) int) string {
	if !r.checkable("code") {
		return ""
	}
	code := r.get("code")
	switch {
	case code == "":
		c.problems.add(r.line, "code", "missing")
	case utf8.RuneCountInString(code) > maxCode:
		c.problems.add(r.line, "code", "longer than %d characters", maxCode)
	case !codePattern.MatchString(code):
		c.problems.add(r.line, "code", "%q is not a code: use lowercase letters a-z, digits and single hyphens, e.g. drg-supela", code)
	case firstLine(code) != 0:
		c.problems.add(r.line, "code", "%q is already on line %d of the file", code, firstLine(code))
	default:
		// A copy: the row's cells are one string, which a key made of a cell would keep.
		return strings.Clone(code)
	}
	return ""
}

func (c *checker) names(r row) {
	c.text(r, "name", maxName, true)
	c.text(r, "name_hi", maxName, true)
	if nameHi := r.get("name_hi"); r.checkable("name_hi") && nameHi != "" && !hasDevanagari(nameHi) {
		c.problems.add(r.line, "name_hi", "%q has no Hindi letters; write the name in Devanagari", nameHi)
	}
}

func (c *checker) text(r row, field string, max int, required bool) {
	if !r.checkable(field) {
		return
	}
	switch value := r.get(field); {
	case required && value == "":
		c.problems.add(r.line, field, "missing")
	case utf8.RuneCountInString(value) > max:
		c.problems.add(r.line, field, "longer than %d characters", max)
	}
}

// choice checks that a cell is one of the allowed values; ok is false where it is not (or
// was refused already).
func (c *checker) choice(r row, field string, allowed []string) (ok bool) {
	if !r.checkable(field) {
		return false
	}
	if value := r.get(field); !slices.Contains(allowed, value) {
		c.problems.add(r.line, field, "%q is not one of %s", value, strings.Join(allowed, ", "))
		return false
	}
	return true
}

// unsafeCell says why no field may hold a cell ("" when it may). The rule is on the value
// as stored, trimmed of surrounding spaces:
//   - it is UTF-8 text;
//   - it holds no control character (C0 including tab and line breaks, DEL, C1): names,
//     codes and addresses are one line of plain text on posters, pages and exports, and a
//     NUL or a break inside one is a paste accident;
//   - it does not start with = + @ or -, which a spreadsheet opening an export would run as a
//     formula (=HYPERLINK(…)), except a cell of hyphens alone ("-", "--": a spreadsheet's
//     "none", which no spreadsheet runs). No station, area or address begins with a sign.
func unsafeCell(cell string) string {
	if !utf8.ValidString(cell) {
		return "not UTF-8 text; " + saveAsUTF8
	}
	value := strings.TrimSpace(cell)
	for i, r := range []rune(value) {
		if unicode.IsControl(r) {
			return fmt.Sprintf("has the control character %s at character %d; a cell must be one line of plain text", controlName(r), i+1)
		}
	}
	if value != "" && strings.ContainsRune("=+@-", rune(value[0])) && strings.Trim(value, "-") != "" {
		return fmt.Sprintf("%q starts with %q, which a spreadsheet runs as a formula; write the value without it", value, value[:1])
	}
	return ""
}

func controlName(r rune) string {
	names := map[rune]string{0: "NUL", '\t': "tab", '\n': "line feed", '\r': "carriage return"}
	if name, ok := names[r]; ok {
		return fmt.Sprintf("%U (%s)", r, name)
	}
	return fmt.Sprintf("%U", r)
}

func hasDevanagari(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Devanagari, r) {
			return true
		}
	}
	return false
}

// parseBool reads a yes/no cell, in English or as a catalog says yes and no (import.yes and
// import.no, e.g. Hindi's two spellings of yes); ok is false for anything else.
func parseBool(s string) (value, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	for _, lang := range words.Langs() {
		if saidIn(lang, "import.yes", s) {
			return true, true
		}
		if saidIn(lang, "import.no", s) {
			return false, true
		}
	}
	return false, false
}

// saidIn tells whether s is one of a catalog's comma-separated words for a key.
func saidIn(lang, key, s string) bool {
	for _, w := range strings.Split(words.T(lang, key), ",") {
		if strings.ToLower(strings.TrimSpace(w)) == s {
			return true
		}
	}
	return false
}
