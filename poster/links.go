package poster

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/qr"
	"anubhav/schema"
)

// The stations' "poster" field: a link to the station's poster that the dashboard shows on
// its record. The server sets it; whatever is typed into it is replaced on save.
const linkField = "poster"

// Link is a station's poster address under an App URL.
func Link(appURL, stationCode string) string {
	return strings.TrimRight(appURL, "/") + "/api/stations/" + stationCode + "/poster"
}

// SetLink fills a station record's poster link before it is saved.
func SetLink(app core.App, station *core.Record) {
	station.Set(linkField, Link(app.Settings().Meta.AppURL, station.GetString("code")))
}

// StationSaved keeps the QR cache in step with a saved station: a new or renamed active
// station gets its code now, a renamed or deactivated one loses the old.
func StationSaved(app core.App, station *core.Record) error {
	cache := qr.CacheOf(app)
	if old := station.Original().GetString("code"); old != "" && (old != station.GetString("code") || !station.GetBool("active")) {
		cache.Forget(old)
	}
	if !station.GetBool("active") {
		return nil
	}
	_, err := cache.Get(app.Settings().Meta.AppURL, station.GetString("code"))
	return err
}

// AppURLChanged rewrites every station's poster link and encodes every active station's QR
// code for appURL. Both are no-ops where nothing changed, so it may run on every settings
// save; it does nothing before the migration that adds the links.
func AppURLChanged(app core.App, appURL string) error {
	stations, err := app.FindCachedCollectionByNameOrId(schema.Stations)
	if err != nil || stations.Fields.GetByName(linkField) == nil {
		return nil
	}
	base := strings.TrimRight(appURL, "/")
	_, err = app.DB().NewQuery("UPDATE {{stations}} SET [[poster]] = {:base} || '/api/stations/' || [[code]] || '/poster'" +
		" WHERE [[poster]] IS NOT {:base} || '/api/stations/' || [[code]] || '/poster'").
		Bind(dbx.Params{"base": base}).Execute()
	if err != nil {
		return fmt.Errorf("updating the stations' poster links: %w", err)
	}
	var codes []string
	if err := app.DB().Select("code").From(schema.Stations).Where(dbx.HashExp{"active": true}).Column(&codes); err != nil {
		return err
	}
	cache := qr.CacheOf(app)
	for _, code := range codes {
		if _, err := cache.Get(base, code); err != nil {
			return fmt.Errorf("station %s: %w", code, err)
		}
	}
	return nil
}

// Refresh brings the QR codes and poster links up to the App URL. A failure is
// logged, not returned: the settings are saved and the server runs either way, and every
// request still gets the right code (the cache checks what each entry holds).
func Refresh(app core.App, appURL string) {
	if err := AppURLChanged(app, appURL); err != nil {
		app.Logger().Error("Updating the QR codes and poster links to the App URL", "appURL", appURL, "error", err.Error())
	}
}

// What AppURLProblem finds: catalog keys, said in the poster toolbar and the console.
const (
	AppURLUnset = "console.appurl_unset"
	AppURLLocal = "console.appurl_local"
)

// AppURLProblem says why the App URL would print useless posters ("" when it would not): it
// is unset, or names this computer alone (localhost, a loopback, link-local or unspecified
// address), which no citizen's phone reaches. The server does not guess a better one from a
// request's Host header: that header is the client's to write, the SMS and the digest have no
// request to guess from, and a poster printed from the server's own screen would still say
// localhost. The system administrator sets it once in the dashboard.
func AppURLProblem(appURL string) string {
	u, err := url.Parse(strings.TrimSpace(appURL))
	if err != nil || u.Hostname() == "" {
		return AppURLUnset
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return AppURLLocal
	}
	if ip := net.ParseIP(host); ip != nil && (ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()) {
		return AppURLLocal
	}
	return ""
}
