package pages

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/words"
)

const langCookie = "lang"

// Lang is the language of a page: ?lang= when a catalog has it (and then remembered in a
// cookie), else the remembered choice, else Hindi.
func Lang(e *core.RequestEvent) string {
	if q := e.Request.URL.Query().Get("lang"); words.Has(q) {
		remember(e, q)
		return q
	}
	if c, err := e.Request.Cookie(langCookie); err == nil && words.Has(c.Value) {
		return c.Value
	}
	return words.Hindi
}

// remember sets the language's cookie, once: a page asks for its language from several
// places (its handler, its Base), and each time would add one more Set-Cookie.
func remember(e *core.RequestEvent, lang string) {
	for _, c := range e.Response.Header().Values("Set-Cookie") {
		if strings.HasPrefix(c, langCookie+"=") {
			return
		}
	}
	e.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
}
