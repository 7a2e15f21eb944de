package hooks

import (
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/schema"
	"anubhav/visitlog"
)

// bindSite serves the landing page and the embedded pb_public files. An unknown /api/ path
// answers PocketBase's JSON 404; any other unknown path the bilingual "not found" page.
func bindSite(app core.App, public fs.FS) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			// The landing page and the files that every citizen's page loads are part of a
			// visit: kept out of the request log like the forms themselves.
			visit := se.Router.Group("").Bind(visitlog.Unlogged())
			visit.GET("/{$}", landing)
			visit.GET("/go", goToStation)

			static := apis.Static(public, false)
			visit.GET("/{path...}", func(e *core.RequestEvent) error {
				err := static(e)
				if errors.Is(err, router.ErrFileNotFound) && !strings.HasPrefix(e.Request.URL.Path, "/api/") {
					return pages.NotFound(e)
				}
				return err
			})
			return se.Next()
		},
		Priority: 999, // after every other route, as PocketBase's own static example does
	})
}

type stationChoice struct{ Code, Name, NameHi string }

func landing(e *core.RequestEvent) error {
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
	base := pages.NewBase(e, pages.T(pages.Lang(e), cfg.DistrictNameHi, cfg.DistrictName))
	return pages.Render(e, http.StatusOK, "landing.html", struct {
		pages.Base
		Config   *appconfig.Config
		Stations []stationChoice
	}{base, cfg, stations})
}

// goToStation lets the landing page's plain form (no JavaScript) open a station's form.
func goToStation(e *core.RequestEvent) error {
	code := e.Request.URL.Query().Get("station")
	if code == "" {
		return e.Redirect(http.StatusSeeOther, "/")
	}
	return e.Redirect(http.StatusSeeOther, "/s/"+url.PathEscape(code))
}
