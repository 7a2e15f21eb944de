// Package words holds every word Anubhav shows to people (pages, console, posters, mails, SMS
// and errors) in one catalog file per language, catalog/hi.json and catalog/en.json, keyed
// (e.g. "status.in_review", "form.submit", "error.rating_range"), and says them through one
// function, T, in Go and in templates ({{t .Lang "form.submit"}}).
//
// One rule picks the word for every caller: the reader's language, else Hindi, else English,
// else the key itself. A language is one more file: a district puts e.g. hne.json
// (Chhattisgarhi) or bn.json (Bengali) in its data folder's words/ (LoadDir, at start); a key
// it leaves out is said in Hindi. Names kept in Hindi and English only (stations, districts,
// questions) follow the same rule through Name.
package words

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

//go:embed catalog/*.json
var shipped embed.FS

// The shipped languages. Hindi is the default and every reader's first fallback: it is the
// language of the districts Anubhav serves, which a reader of Chhattisgarhi reads better than
// English; English is the last resort.
const (
	Hindi   = "hi"
	English = "en"
)

// registry is the loaded catalogs; it is replaced whole (LoadDir), never changed in place.
type registry struct {
	langs    []string // Hindi, English, then the others by code
	catalogs map[string]map[string]string
}

var current atomic.Pointer[registry]

func init() {
	r, err := build(nil)
	if err != nil {
		panic(err) // a shipped catalog is broken: the tests say which
	}
	current.Store(r)
}

// T says a key's word in a language (see the package's rule). Args are placeholder names
// and values in pairs: T(lang, "error.too_long", "max", 300) fills {max}. A key may have a
// ".one" form in a catalog, said when the argument n is 1 ("1 response", "2 responses").
func T(lang, key string, args ...any) string {
	return fill(current.Load().word(lang, key, args), args, fmt.Sprint)
}

// word is a key's word by the rule, in its ".one" form where the argument n is 1.
func (r *registry) word(lang, key string, args []any) string {
	text, from := r.lookup(lang, key)
	if one, ok := r.catalogs[from][key+".one"]; ok && isOne(args) {
		return one
	}
	return text
}

// lookup finds a key's word by the rule, and the language it came from.
func (r *registry) lookup(lang, key string) (string, string) {
	for _, l := range [...]string{lang, Hindi, English} {
		if w, ok := r.catalogs[l][key]; ok {
			return w, l
		}
	}
	return key, ""
}

func isOne(args []any) bool {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "n" {
			return fmt.Sprint(args[i+1]) == "1"
		}
	}
	return false
}

// fill puts the arguments, each said by say, in place of their {name}s.
func fill(text string, args []any, say func(...any) string) string {
	if len(args) < 2 {
		return text
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", say(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Name says a name kept in Hindi and English only (a station's, a district's, a question's)
// by the same rule: English for an English reader, else Hindi, else English.
func Name(lang, hi, en string) string {
	if lang == English || hi == "" {
		return en
	}
	return hi
}

// Langs lists the languages of the catalogs: Hindi, English, then the others by code.
func Langs() []string { return slices.Clone(current.Load().langs) }

// Has tells whether a catalog has the language.
func Has(lang string) bool {
	_, ok := current.Load().catalogs[lang]
	return ok
}

// Choose is the language a reader gets: theirs if a catalog has it, else Hindi.
func Choose(lang string) string {
	if Has(lang) {
		return lang
	}
	return Hindi
}

// Subset says, in a language, every key that starts with one of the prefixes (the console's
// words, for its script); ".one" forms are left out.
func Subset(lang string, prefixes ...string) map[string]string {
	out := map[string]string{}
	for _, key := range Keys() {
		for _, p := range prefixes {
			if strings.HasPrefix(key, p) && !strings.HasSuffix(key, ".one") {
				out[key] = T(lang, key)
			}
		}
	}
	return out
}

// Keys lists every key of the shipped Hindi catalog, which has them all, sorted.
func Keys() []string {
	hi := current.Load().catalogs[Hindi]
	keys := make([]string, 0, len(hi))
	for k := range hi {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Msg is a message said later, in its reader's language: an error found before anyone knows
// who will read it.
type Msg struct {
	Key  string
	Args []any
}

// M makes a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In says the message in a language.
func (m Msg) In(lang string) string { return T(lang, m.Key, m.Args...) }

// Funcs are the template functions of the catalog, for html/template and text/template alike:
// {{t .Lang "key" "name" value}}, {{name .Lang .NameHi .Name}} and {{date .Lang .Day}}.
var Funcs = map[string]any{"t": T, "name": Name, "date": Date}
