package citizen

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/pages"
	"anubhav/receipt"
	"anubhav/submission"
	"anubhav/words"
)

// receiptCookie carries the receipt from a plain form post to its thank-you page, once: a
// URL would keep it in the phone's history and in any log on the way.
const receiptCookie = "receipt"

// thanksPath is a station's thank-you page, where a stored plain post is redirected.
func thanksPath(code string) string { return "/s/" + code + "/thanks" }

// sentCookie marks, for the station's forms, that a plain post from this browser was stored a
// few minutes ago: Back and Send again, without JavaScript, brings a fresh form (the page is
// no-store) that the browser refills, and sends the item a second time; the form page then
// says so (FormPage). It holds no content.
const sentCookie = "sent"

// receiptTTL is how long the receipt waits for its page (the redirect follows at once, but a
// 2G phone may take a while), and how long the form page warns of a form just sent.
const receiptTTL = 10 * 60

// toThanks answers a stored plain post with 303 See Other to the thank-you page, so that a
// reload there never posts the item again. The receipt goes in a short-lived cookie for
// that page only; the language goes in the query.
func toThanks(e *core.RequestEvent, code, lang, number string) error {
	setCookie(e, receiptCookie, thanksPath(code), number, receiptTTL)
	setCookie(e, sentCookie, FormPath(code, ""), "1", receiptTTL)
	return e.Redirect(http.StatusSeeOther, thanksPath(code)+"?lang="+url.QueryEscape(lang))
}

func setCookie(e *core.RequestEvent, name, path, value string, maxAge int) {
	e.SetCookie(&http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
		// a spoofed header only makes the cookie stricter
		Secure: e.Request.TLS != nil || e.Request.Header.Get("X-Forwarded-Proto") == "https"})
}

type thanksPage struct {
	pages.Base
	Station submission.Station
	// Receipt is shown once: the page clears its cookie as it shows it.
	Receipt string
}

// ThanksPage is GET /s/{code}/thanks: the receipt of the post just stored, once; after that
// (a reload, the back button) it says that the item was sent and its number shown once.
func ThanksPage(e *core.RequestEvent) error {
	st, err := findStation(e.App, e.Request.PathValue("code"))
	if err != nil {
		return StationMissing(e)
	}
	lang := pages.Lang(e)
	p := thanksPage{Base: pages.Base{Lang: lang, Title: words.T(lang, "form.thanks"), Path: thanksPath(st.Code)},
		Station: st}
	if c, err := e.Request.Cookie(receiptCookie); err == nil {
		setCookie(e, receiptCookie, thanksPath(st.Code), "", -1)
		if digits, ok := receipt.Normalize(c.Value); ok {
			p.Receipt = receipt.Format(digits)
			// the language switch leads to /track: this page shows the receipt only now
			p.Path = "/track"
		}
	}
	return pages.Render(e, http.StatusOK, "thanks.html", p)
}
