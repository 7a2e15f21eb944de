package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/hooks"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/submission"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// The console's script says what the server's catalog says, in the language asked (Hindi for
// one no catalog has), to anyone: the login page needs its words too.
func TestTheConsoleGetsItsWordsFromTheCatalog(t *testing.T) {
	w := newWorld(t)
	for lang, want := range map[string]map[string]string{
		"en": {"console.inbox": "Inbox", "status.in_review": "In review", "kind.tip": "Tip-off", "lang.name": "English"},
		"hi": {"console.inbox": "इनबॉक्स", "status.in_review": "समीक्षा में", "kind.tip": "गुप्त सूचना", "lang.name": "हिंदी"},
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
		if _, mail := got.Words["digest.title"]; mail || len(got.Langs) < 2 || got.Langs[1].Code != "en" || got.Langs[1].Name != "English" {
			t.Errorf("%s: languages %v, and only the console's words (digest.title: %v)", lang, got.Langs, mail)
		}
		if lang == "zz" && got.Lang != "hi" {
			t.Errorf("an unknown language answers %q, want hi", got.Lang)
		}
	}
}

// An officer's and an item's language is any catalog's: refused (in the officer's language,
// with the Hindi full stop alone) until a catalog has it, accepted once one does.
// Not parallel, as the other tests that add a language: the catalogs are the process's.
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
	defer app.ClearBootstrap()
	if words.T("bn", "form.submit") != "পাঠান" {
		t.Fatalf("bn.json in the data folder's words/ was not read: %v", words.Langs())
	}
}

// Adding a language is adding one file: with xx.json (here English with "XX " before every
// word) in the catalogs, the form, /track, a poster, the console, a digest and an SMS speak
// it; what is kept in Hindi and English only (a station's name, a question) is said in Hindi.
func TestAddingALanguageIsAddingOneFile(t *testing.T) {
	var en map[string]string
	raw, err := os.ReadFile(filepath.Join("..", "words", "catalog", "en.json"))
	if err == nil {
		err = json.Unmarshal(raw, &en)
	}
	if err != nil {
		t.Fatal(err)
	}
	xx := map[string]string{}
	for key, word := range en {
		xx[key] = "XX " + word
	}
	dir := t.TempDir()
	raw, _ = json.Marshal(xx)
	if err := os.WriteFile(filepath.Join(dir, "xx.json"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = words.LoadDir("") })
	if err := words.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	w := newWorld(t)
	page := func(what, method, path, form string, want ...string) {
		t.Helper()
		req, _ := http.NewRequest(method, w.srv.URL+path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		for _, s := range want {
			if !strings.Contains(string(body), s) {
				t.Errorf("%s (%d) lacks %q", what, res.StatusCode, s)
			}
		}
	}

	page("the form", http.MethodGet, "/s/st-a?lang=xx", "", `<html lang="xx">`, "XX Send", "XX Your name and mobile",
		"XX Very good", "कुल मिलाकर", "थाना st-a", `lang="hi">हिंदी</a>`, `lang="en">English</a>`)
	receipt, err := submission.Submit(w.app, submission.Input{Station: "st-a", Kind: schema.KindExperience, Lang: "xx", Rating: 4,
		Answers: map[string]string{"purpose": "application", "staff_available": "yes", "staff_helped": "yes", "behaviour": "4",
			"problem_solved": "partly"}}, submission.Source{Channel: schema.ChannelQR})
	if err != nil {
		t.Fatalf("a submission in xx: %v", err)
	}
	page("/track", http.MethodPost, "/track?lang=xx", "receipt="+receipt, "XX Check the status", "XX Received — thank you")
	page("a poster", http.MethodGet, "/api/stations/st-a/poster?lang=xx", "", `<html lang="xx">`, "XX Scan the QR code",
		"Scan the QR code</span>", "XX 1 poster · 1 poster")

	status, body := w.do(anonymous, http.MethodGet, "/api/console/words?lang=xx", "")
	if status != http.StatusOK || !strings.Contains(string(body), `"console.inbox":"XX Inbox"`) || !strings.Contains(string(body), `"code":"xx"`) {
		t.Errorf("the console's words: %d %s", status, body)
	}

	sp, _ := w.app.FindRecordById(schema.Officers, w.f.Officers[testapp.SP])
	sp.Set("lang", "xx")
	if err := w.app.Save(sp); err != nil {
		t.Fatal(err)
	}
	cfg, err := appconfig.Get(w.app)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	d, err := digest.Build(w.app, sp, digest.Yesterday(now.Add(24*time.Hour), cfg.Location), now)
	if err != nil {
		t.Fatal(err)
	}
	mail, err := digest.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(mail.Subject, "XX ") || !strings.Contains(mail.Text, "XX Daily digest") || !strings.Contains(mail.HTML, `<html lang="xx">`) {
		t.Errorf("the digest: %q\n%s", mail.Subject, mail.Text)
	}
	if got := sms.Message(cfg, "https://a.example", "xx", "Done"); !strings.HasPrefix(got, "XX ") || !strings.Contains(got, "Done More: https://a.example/track") {
		t.Errorf("the SMS: %q", got)
	}
}
