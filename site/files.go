package site

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/pages"
)

// Cache lifetimes of the embedded files (docs/PERFORMANCE.md, "Form page weight").
const (
	// a URL that carries its content's hash never changes: a phone keeps it a year
	immutable = "public, max-age=31536000, immutable"
	// fonts are linked by name only; a font a day old is harmless
	fontCache = "public, max-age=86400"
	// anything else is revalidated by its ETag: a 304 without a body
	revalidate = "no-cache"
)

// Files serves the embedded pb_public files with caching headers. An unknown /api/ path
// answers PocketBase's JSON 404; any other unknown path the bilingual "not found" page.
func Files(public fs.FS) func(*core.RequestEvent) error {
	static := apis.Static(public, false)
	return func(e *core.RequestEvent) error {
		cacheHeaders(e)
		err := static(e)
		if errors.Is(err, router.ErrFileNotFound) && !strings.HasPrefix(e.Request.URL.Path, "/api/") {
			e.Response.Header().Del("ETag")
			e.Response.Header().Del("Cache-Control")
			setHeaders(e.Response.Header(), pagePolicy)
			return pages.NotFound(e)
		}
		return err
	}
}

// cacheHeaders sets the ETag (weak: the same for the gzip and the plain body), which
// http.ServeContent answers with a 304, and how long the phone may keep the file.
func cacheHeaders(e *core.RequestEvent) {
	path := e.Request.URL.Path
	v := pages.Version(path)
	if v == "" {
		return
	}
	h := e.Response.Header()
	h.Set("ETag", `W/"`+v+`"`)
	switch {
	case e.Request.URL.Query().Get("v") == v:
		h.Set("Cache-Control", immutable)
	case strings.HasPrefix(path, "/fonts/"):
		h.Set("Cache-Control", fontCache)
	default:
		h.Set("Cache-Control", revalidate)
	}
}
