// Package site serves the appliance's own pages around the citizen's form: the landing page,
// the plain-form jump to a station, and the embedded files with a "not found" page.
package site

import (
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/schema"
	"anubhav/words"
)

// Files serves the embedded pb_public files. An unknown /api/ path answers PocketBase's JSON
// 404; any other unknown path the bilingual "not found" page.
func Files(public fs.FS) func(*core.RequestEvent) error {
	static := apis.Static(public, false)
	return func(e *core.RequestEvent) error {
		err := static(e)
		if errors.Is(err, router.ErrFileNotFound) && !strings.HasPrefix(e.Request.URL.Path, "/api/") {
			return pages.NotFound(e)
		}
		return err
	}
}

type stationChoice struct{ Code, Name, NameHi string }

// Landing is the start page: the district, its stations to choose from, tracking and the
// officers' login.
func Landing(e *core.RequestEvent) error {
	cfg, err := appconfig.Get(e.App)
	if err != nil {
		return err
	}
	var stations []stationChoice
	err = e.App.DB().Select("code", "name", "name_hi AS nameHi").From(schema.Stations).
		Where(dbx.HashExp{"active": true}).OrderBy("name").All(&stations)
	if err != nil {
		return err
	}
	base := pages.NewBase(e, words.Name(pages.Lang(e), cfg.DistrictNameHi, cfg.DistrictName))
	return pages.Render(e, http.StatusOK, "landing.html", struct {
		pages.Base
		Config   *appconfig.Config
		Stations []stationChoice
	}{base, cfg, stations})
}

// GoToStation lets the landing page's plain form (no JavaScript) open a station's form.
func GoToStation(e *core.RequestEvent) error {
	code := e.Request.URL.Query().Get("station")
	if code == "" {
		return e.Redirect(http.StatusSeeOther, "/")
	}
	return e.Redirect(http.StatusSeeOther, "/s/"+url.PathEscape(code))
}
