package hooks_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/hooks"
	"anubhav/schema"
	"anubhav/testapp"
	"anubhav/words"
)

// The console's script says what the server's catalog says, in the language asked (Hindi for
// one no catalog has), to anyone: the login page needs its words too.
func TestTheConsoleGetsItsWordsFromTheCatalog(t *testing.T) {
	w := newWorld(t)
	for lang, want := range map[string]map[string]string{
		"en": {"console.inbox": "Inbox", "status.in_review": "In review", "kind.tip": "Tip-off", "lang.name": "English"},
		"hi": {"console.inbox": "इनबॉक्स", "status.in_review": "जाँच में", "kind.tip": "गुप्त सूचना", "lang.name": "हिंदी"},
		"zz": {"console.inbox": "इनबॉक्स"},
	} {
		status, body := w.do(anonymous, http.MethodGet, "/api/console/words?lang="+lang, "")
		var got struct {
			Lang  string
			Langs []struct{ Code, Name string }
			Words map[string]string
		}
		if err := json.Unmarshal(body, &got); status != http.StatusOK || err != nil {
			t.Fatalf("%s: %d %s", lang, status, body)
		}
		for key, word := range want {
			if got.Words[key] != word {
				t.Errorf("%s: %s is %q, want %q", lang, key, got.Words[key], word)
			}
		}
		if _, mail := got.Words["digest.title"]; mail || len(got.Langs) != 2 || got.Langs[1].Code != "en" || got.Langs[1].Name != "English" {
			t.Errorf("%s: languages %v, and only the console's words (digest.title: %v)", lang, got.Langs, mail)
		}
		if lang == "zz" && got.Lang != "hi" {
			t.Errorf("an unknown language answers %q, want hi", got.Lang)
		}
	}
}

// An officer's and an item's language is any catalog's: refused (in the officer's language,
// with the Hindi full stop alone) until a catalog has it, accepted once one does.
func TestALanguageIsAnyCatalogs(t *testing.T) {
	w := newWorld(t)
	t.Cleanup(func() { _ = words.LoadDir("") })
	self := "/api/collections/officers/records/" + w.f.Officers[testapp.SP]
	me, _ := w.app.FindRecordById(schema.Officers, w.f.Officers[testapp.SP])
	me.Set("lang", words.Hindi)
	if err := w.app.Save(me); err != nil {
		t.Fatal(err)
	}
	status, body := w.do(testapp.SP, http.MethodPatch, self, `{"lang":"hne"}`)
	if status != http.StatusBadRequest || !strings.Contains(string(body), `"lang":{"code":"unknown_lang","message":"यह भाषा उपलब्ध नहीं है।"}`) {
		t.Fatalf("an unknown language: %d %s", status, body)
	}
	item, _ := w.app.FindRecordById(schema.Feedback, w.f.Items["a-exp"])
	item.Set("lang", "hne")
	if err := w.app.Save(item); err == nil {
		t.Fatal("an item was saved in a language no catalog has")
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hne.json"), []byte(`{"lang.name": "छत्तीसगढ़ी"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := words.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	if status, body := w.do(testapp.SP, http.MethodPatch, self, `{"lang":"hne"}`); status != http.StatusOK {
		t.Fatalf("a catalog's language refused: %d %s", status, body)
	}
	if err := w.app.Save(item); err != nil {
		t.Fatalf("an item in a catalog's language: %v", err)
	}
}

// A district's own catalogs are read from its data folder when the appliance starts.
func TestStartReadsTheDistrictsCatalogs(t *testing.T) {
	t.Cleanup(func() { _ = words.LoadDir("") })
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "words"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "words", "bn.json"), []byte(`{"form.submit": "পাঠান"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	hooks.Bind(app, os.DirFS(testapp.Public()))
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	if words.T("bn", "form.submit") != "পাঠান" {
		t.Fatalf("bn.json in the data folder's words/ was not read: %v", words.Langs())
	}
}
