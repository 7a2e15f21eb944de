package pages

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/words"
)

const langCookie = "lang"

// Lang is the language of a page: ?lang= when a catalog has it (and then remembered in a
// cookie), else the remembered choice, else Hindi.
func Lang(e *core.RequestEvent) string {
	if q := e.Request.URL.Query().Get("lang"); words.Has(q) {
		e.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
		return q
	}
	if c, err := e.Request.Cookie(langCookie); err == nil && words.Has(c.Value) {
		return c.Value
	}
	return words.Hindi
}
