// Package pages renders Anubhav's server-side pages (the landing page and the citizen's
// pages) from embedded templates that share one layout and one stylesheet.
package pages

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/words"
)

//go:embed templates/*.html
var templates embed.FS

var (
	mu    sync.Mutex
	cache = map[string]*template.Template{}
)

// page parses a page template together with the layout and the shared parts (_*.html), once.
func page(name string) (*template.Template, error) {
	mu.Lock()
	defer mu.Unlock()
	if t, ok := cache[name]; ok {
		return t, nil
	}
	t, err := template.New(name).Funcs(words.Funcs).Funcs(template.FuncMap{"asset": Asset}).ParseFS(templates, "templates/layout.html", "templates/_*.html", "templates/"+name)
	if err != nil {
		return nil, err
	}
	cache[name] = t
	return t, nil
}

// Render writes a page. Data must carry the page's Lang (see Base).
func Render(e *core.RequestEvent, status int, name string, data any) error {
	t, err := page(name)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return err
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.HTML(status, buf.String())
}

// Base is what the layout needs from every page.
type Base struct {
	Lang  string
	Title string
	// Path is the page's own path, for the language switch link.
	Path string
	// Keep is what of the page's query the language switch keeps (e.g. the month shown).
	Keep url.Values
}

// Switch is the page's link in another language.
func (b Base) Switch(lang string) string {
	q := url.Values{}
	for k, v := range b.Keep {
		q[k] = v
	}
	q.Set("lang", lang)
	return b.Path + "?" + q.Encode()
}

// Choice is a language the switch offers, by its own name.
type Choice struct{ Code, Name string }

// Langs are the languages of the catalogs, each by its own name.
func (b Base) Langs() []Choice {
	var out []Choice
	for _, l := range words.Langs() {
		out = append(out, Choice{l, words.T(l, "lang.name")})
	}
	return out
}

// Others are the languages the switch offers: every other language of the catalogs.
func (b Base) Others() []Choice {
	out := b.Langs()
	return slices.DeleteFunc(out, func(c Choice) bool { return c.Code == b.Lang })
}

// NewBase fills Base for a request, remembering a language chosen with ?lang=.
func NewBase(e *core.RequestEvent, title string) Base {
	return Base{Lang: Lang(e), Title: title, Path: e.Request.URL.Path}
}

// NotFound renders the "not found" page.
func NotFound(e *core.RequestEvent) error {
	b := NewBase(e, "")
	b.Title = words.T(b.Lang, "page.not_found")
	return Render(e, http.StatusNotFound, "notfound.html", b)
}
