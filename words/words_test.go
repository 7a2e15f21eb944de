package words_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/schema"
	"anubhav/words"
)

func readCatalog(t *testing.T, path string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]string
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// Every shipped language has every key, with a word and the same placeholders as Hindi (a
// date may leave out the weekday); a ".one" form is a language's own choice, but only of a key
// that exists.
func TestEveryKeyInEveryShippedLanguage(t *testing.T) {
	hi := readCatalog(t, "catalog/hi.json")
	files, _ := filepath.Glob("catalog/*.json")
	if len(files) < 2 {
		t.Fatalf("shipped catalogs %v, want at least hi and en", files)
	}
	for _, file := range files {
		c := readCatalog(t, file)
		for key, hiWord := range hi {
			w, ok := c[key]
			switch {
			case !ok:
				t.Errorf("%s lacks %s", file, key)
			case strings.TrimSpace(w) == "":
				t.Errorf("%s: %s is empty", file, key)
			case key != "date.long" && strings.Join(placeholders(w), ",") != strings.Join(placeholders(hiWord), ","):
				t.Errorf("%s: %s has placeholders %v, Hindi %v", file, key, placeholders(w), placeholders(hiWord))
			}
		}
		for key := range c {
			base := strings.TrimSuffix(key, ".one")
			if _, ok := hi[base]; !ok {
				t.Errorf("%s: %s is not a key of hi.json", file, key)
			}
		}
	}
}

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

// Every value of the enumerations that people see has its word.
func TestEveryEnumerationHasWords(t *testing.T) {
	hi := readCatalog(t, "catalog/hi.json")
	families := map[string][]string{
		"status.":       schema.Statuses,
		"kind.":         schema.FeedbackKinds,
		"form.tab.":     schema.FeedbackKinds,
		"form.intro.":   schema.FeedbackKinds,
		"flag.":         schema.Flags,
		"channel.":      schema.Channels,
		"action.":       schema.ConsoleActions,
		"form.reads.":   schema.FeedbackKinds,
		"track.status.": citizenStatuses(),
		"rating.":       {"1", "2", "3", "4", "5"},
		"month.":        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
		"weekday.":      {"0", "1", "2", "3", "4", "5", "6"},
	}
	for prefix, values := range families {
		for _, v := range values {
			if _, ok := hi[prefix+v]; !ok {
				t.Errorf("no word for %s%s", prefix, v)
			}
		}
	}
}

// citizenStatuses are the statuses a citizen reads, each in its kind's words ("kind_status").
func citizenStatuses() []string {
	var out []string
	for _, k := range schema.FeedbackKinds {
		for _, s := range []string{schema.StatusNew, schema.StatusInReview, schema.StatusActionTaken, schema.StatusClosed} {
			out = append(out, k+"_"+s)
		}
	}
	return out
}

func TestOneRuleForEveryCaller(t *testing.T) {
	if got := words.T("en", "form.submit"); got != "Send" {
		t.Errorf("English: %q", got)
	}
	if got := words.T("hi", "form.submit"); got != "भेजें" {
		t.Errorf("Hindi: %q", got)
	}
	for _, lang := range []string{"", "fr", "zz"} {
		if got := words.T(lang, "form.submit"); got != "भेजें" {
			t.Errorf("%q falls back to %q, want Hindi", lang, got)
		}
		if words.Choose(lang) != words.Hindi {
			t.Errorf("Choose(%q) = %q, want Hindi", lang, words.Choose(lang))
		}
	}
	if got := words.T("en", "no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key says %q, want the key", got)
	}
	if got := words.T("en", "error.too_long", "max", 300); got != "Write at most 300 characters." {
		t.Errorf("placeholder: %q", got)
	}
	if one, many := words.T("en", "poster.count", "n", 1), words.T("en", "poster.count", "n", 2); one != "1 poster" || many != "2 posters" {
		t.Errorf("plural: %q, %q", one, many)
	}
	if got := words.T("hi", "poster.count", "n", 1); got != "1 पोस्टर" {
		t.Errorf("Hindi has no .one form: %q", got)
	}
	if got := words.Name("en", "थाना", "Station"); got != "Station" {
		t.Errorf("Name in English: %q", got)
	}
	if got := words.Name("xx", "थाना", "Station"); got != "थाना" {
		t.Errorf("Name in another language: %q, want Hindi", got)
	}
	if got := words.Name("hi", "", "Station"); got != "Station" {
		t.Errorf("Name without Hindi: %q, want English", got)
	}
	if got := words.HTML("en", "poster.track", "url", "a.in/<track>"); got != "You get a receipt number. Use it at <b>a.in/&lt;track&gt;</b> to read our reply." {
		t.Errorf("HTML: %q", got)
	}
	day := time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)
	if hi, en := words.Date("hi", day), words.Date("en", day); hi != "10 जून 2025" || en != "Tue 10 Jun 2025" {
		t.Errorf("dates: %q, %q", hi, en)
	}
}

func TestLoadDirAddsALanguage(t *testing.T) {
	t.Cleanup(func() { _ = words.LoadDir("") })
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("hne.json", `{"form.submit": "भेजव", "lang.name": "छत्तीसगढ़ी"}`)
	write("en.json", `{"form.submit": "Submit"}`)
	if err := words.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(words.Langs(), ","); got != "hi,en,hne" {
		t.Errorf("languages %s, want hi,en,hne", got)
	}
	if !words.Has("hne") || words.T("hne", "form.submit") != "भेजव" || words.T("hne", "form.track") != words.T("hi", "form.track") {
		t.Errorf("hne: %q, %q", words.T("hne", "form.submit"), words.T("hne", "form.track"))
	}
	if words.T("en", "form.submit") != "Submit" || words.T("en", "form.track") != "Check something you sent before" {
		t.Errorf("an en.json replaces only the words it gives: %q, %q", words.T("en", "form.submit"), words.T("en", "form.track"))
	}

	for name, body := range map[string]string{
		"Bengali.json": `{}`,
		"bn.json":      `{"form.sumbit": "পাঠান"}`,
		"as.json":      `{"form.submit": 1}`,
	} {
		bad := t.TempDir()
		if err := os.WriteFile(filepath.Join(bad, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := words.LoadDir(bad); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s %s: error %v, want one naming the file", name, body, err)
		}
		if !words.Has("hne") {
			t.Errorf("a bad folder (%s) changed the catalogs", name)
		}
	}

	if err := words.LoadDir(filepath.Join(dir, "missing")); err != nil || words.Has("hne") || words.T("en", "form.submit") != "Send" {
		t.Errorf("a missing folder: %v; the shipped catalogs alone must remain", err)
	}
}

// PocketBase ends a message with "."; a Hindi message that ends in "।" must not get one.
func TestFieldErrorKeepsItsFullStop(t *testing.T) {
	hi := words.T("hi", "error.not_self_editable")
	apiErr := router.NewBadRequestError("x", validation.Errors{"phone": words.FieldError("not_self_editable", hi)})
	raw, _ := json.Marshal(apiErr)
	var body struct {
		Data map[string]struct{ Code, Message string }
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	if got := body.Data["phone"]; got.Code != "not_self_editable" || got.Message != hi || !strings.HasSuffix(got.Message, "।") {
		t.Errorf("field error %+v, want %q as written", got, hi)
	}
}
