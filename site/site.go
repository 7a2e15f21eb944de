// Package site serves the appliance's own pages around the citizen's form: the landing page,
// the plain-form jump to a station, and the embedded files with a "not found" page.
package site

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/schema"
	"anubhav/stats"
	"anubhav/words"
)

// stationChoice is a station the landing page offers; dbx fills NameHi from name_hi.
type stationChoice struct{ Code, Name, NameHi string }

// Landing is the start page: the district, its stations to choose from, tracking, the
// stations' public results where a district publishes them, and the officers' login.
func Landing(e *core.RequestEvent) error {
	cfg, err := appconfig.Get(e.App)
	if err != nil {
		return err
	}
	var stations []stationChoice
	err = e.App.DB().Select("code", "name", "name_hi").From(schema.Stations).
		Where(dbx.HashExp{"active": true}).All(&stations)
	if err != nil {
		return err
	}
	lang := pages.Lang(e)
	// in the order of the names shown, by the rules of the page's language
	order := collate.New(language.Make(lang))
	slices.SortStableFunc(stations, func(a, b stationChoice) int {
		return order.CompareString(words.Name(lang, a.NameHi, a.Name), words.Name(lang, b.NameHi, b.Name))
	})
	// the public results, where a district publishes them
	published, err := stats.Published(e.App)
	if err != nil {
		return err
	}
	base := pages.NewBase(e, words.Name(lang, cfg.DistrictNameHi, cfg.DistrictName))
	return pages.Render(e, http.StatusOK, "landing.html", struct {
		pages.Base
		Config    *appconfig.Config
		Stations  []stationChoice
		Published bool
	}{base, cfg, stations, len(published) > 0})
}

// GoToStation lets the landing page's plain form (no JavaScript) open a station's form.
func GoToStation(e *core.RequestEvent) error {
	code := e.Request.URL.Query().Get("station")
	if code == "" {
		return e.Redirect(http.StatusSeeOther, "/")
	}
	return e.Redirect(http.StatusSeeOther, "/s/"+url.PathEscape(code))
}
