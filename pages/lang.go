package pages

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// The page languages; Hindi is the default.
const (
	LangHindi   = "hi"
	LangEnglish = "en"
)

const langCookie = "lang"

// Lang is the language of a page: ?lang= when given (and then remembered in a cookie), else
// the remembered choice, else Hindi.
func Lang(e *core.RequestEvent) string {
	if q := e.Request.URL.Query().Get("lang"); q == LangHindi || q == LangEnglish {
		e.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
		return q
	}
	if c, err := e.Request.Cookie(langCookie); err == nil && (c.Value == LangHindi || c.Value == LangEnglish) {
		return c.Value
	}
	return LangHindi
}
