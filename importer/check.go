package importer

import (
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

// checker checks the cells common to areas and stations, remembering the codes it has seen.
type checker struct {
	problems Problems
	seen     map[string]int // code -> line
}

func newChecker() *checker { return &checker{seen: map[string]int{}} }

func (c *checker) code(line int, code string) {
	switch {
	case code == "":
		c.problems.add(line, "code", "missing")
	case utf8.RuneCountInString(code) > maxCode:
		c.problems.add(line, "code", "longer than %d characters", maxCode)
	case !codePattern.MatchString(code):
		c.problems.add(line, "code", "%q is not a code: use lowercase letters a-z, digits and single hyphens, e.g. drg-supela", code)
	case c.seen[code] != 0:
		c.problems.add(line, "code", "%q is already on line %d of the file", code, c.seen[code])
	default:
		c.seen[code] = line
	}
}

func (c *checker) names(line int, name, nameHi string) {
	c.text(line, "name", name, maxName, true)
	c.text(line, "name_hi", nameHi, maxName, true)
	if nameHi != "" && !hasDevanagari(nameHi) {
		c.problems.add(line, "name_hi", "%q has no Hindi letters; write the name in Devanagari", nameHi)
	}
}

func (c *checker) text(line int, field, value string, max int, required bool) {
	switch {
	case required && value == "":
		c.problems.add(line, field, "missing")
	case utf8.RuneCountInString(value) > max:
		c.problems.add(line, field, "longer than %d characters", max)
	}
}

func (c *checker) choice(line int, field, value string, allowed []string) {
	if !slices.Contains(allowed, value) {
		c.problems.add(line, field, "%q is not one of %s", value, strings.Join(allowed, ", "))
	}
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
