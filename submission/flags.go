package submission

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"anubhav/schema"
)

// urgentComplaints are the complaint categories (the answer to "complaint_about") that are
// urgent by themselves: money demanded, and a report not written (a crime left unregistered).
// Any other complaint (rude behaviour, delay, "other") is urgent only by an urgent word; it
// still goes to the sub-division and district for review, never to its station.
var urgentComplaints = []string{"bribe", "no_action"}

// Flags computes the flags an item earns by its content: negative for an overall rating of
// 1 or 2 or an unsolved problem; urgent for a text or answer with one of the district's
// urgent words, or a complaint of an urgent category. A complaint is not urgent by its kind
// alone: "police park on the road" must not rank with "harassed, FIR not registered".
func Flags(in Input, urgentWords []string) []string {
	var flags []string
	if (in.Rating >= 1 && in.Rating <= 2) || in.Answers["problem_solved"] == "no" {
		flags = append(flags, schema.FlagNegative)
	}
	urgentCategory := in.Kind == schema.KindComplaint && slices.Contains(urgentComplaints, in.Answers["complaint_about"])
	if urgentCategory || hasUrgentWord(in, urgentWords) {
		flags = append(flags, schema.FlagUrgent)
	}
	return flags
}

func hasUrgentWord(in Input, words []string) bool {
	texts := []string{in.Comment}
	for _, v := range in.Answers {
		texts = append(texts, v)
	}
	for _, t := range texts {
		t = strings.ToLower(t)
		for _, w := range words {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" && containsWordStart(t, w) {
				return true
			}
		}
	}
	return false
}

// containsWordStart tells whether word occurs in text at the start of a word, so that
// "bribe" finds "bribed" (and a Hindi word its compounds), but "rape" does not find "grapes".
func containsWordStart(text, word string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		at := i + j
		if before := lastRune(text[:at]); before == 0 || !inWord(before) {
			return true
		}
		i = at + len(word)
	}
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// inWord tells whether a rune belongs to a word; Devanagari vowel signs and viramas are
// marks, not letters, but they are part of the word.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}
