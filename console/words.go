package console

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/words"
)

// scriptWords are the catalog's families that the console's script shows.
var scriptWords = []string{"app.", "lang.", "word.", "console.", "status.", "kind.", "flag.", "overdue.",
	"channel.", "action.", "setting.", "answer."}

// Lang is a language the console offers, by its own name.
type Lang struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Words is what the console's script says in a language, and the languages it may switch to.
type Words struct {
	Lang  string            `json:"lang"`
	Langs []Lang            `json:"langs"`
	Words map[string]string `json:"words"`
}

// WordsIn gives the console's words in a language (Hindi for one no catalog has).
func WordsIn(lang string) Words {
	lang = words.Choose(lang)
	w := Words{Lang: lang, Words: words.Subset(lang, scriptWords...)}
	for _, l := range words.Langs() {
		w.Langs = append(w.Langs, Lang{l, words.T(l, "lang.name")})
	}
	return w
}

// HandleWords answers GET /api/console/words?lang=: public, for the login page needs them too.
func HandleWords(e *core.RequestEvent) error {
	return e.JSON(http.StatusOK, WordsIn(e.Request.URL.Query().Get("lang")))
}
