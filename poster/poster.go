// Package poster renders the print-ready posters that carry a station's QR code: one
// station's, or every active station's of an area in one document, one poster a page, on A4
// or A5 paper. Posters are public; they show only what hangs on a station's wall.
package poster

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/qr"
	"anubhav/schema"
	"anubhav/words"
)

//go:embed templates/posters.html
var templates embed.FS

var page = template.Must(template.New("posters.html").Funcs(words.Funcs).Funcs(template.FuncMap{"bold": words.HTML, "asset": pages.Asset}).
	ParseFS(templates, "templates/posters.html"))

// Paper sizes.
const (
	A4 = "a4"
	A5 = "a5" // a table stand or a small notice board
)

// ErrNotFound means no such station or area, or a station that is not active.
var ErrNotFound = errors.New("not found")

func noStation(code string) error {
	return fmt.Errorf("%w: no active station has the code %q", ErrNotFound, code)
}

// ParsePaper reads a paper size; empty means A4.
func ParsePaper(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", A4:
		return A4, nil
	case A5:
		return A5, nil
	}
	return "", fmt.Errorf("paper must be a4 or a5, not %q", s)
}

// Poster is one station's poster.
type Poster struct {
	Code, Name, NameHi string
	// The names of the station's district and its campaign (appconfig).
	DistrictName, DistrictNameHi, CampaignName, CampaignNameHi string
	// QR is the code as inline SVG, drawn by package qr.
	QR template.HTML
	// ShortURL is the form's address for those who type it; TrackURL where receipts are read.
	ShortURL, TrackURL string
	// Long names are set smaller, so that the poster keeps to one page.
	Long bool
}

const longName = 24 // characters

// Document is a printable page of one or more posters.
type Document struct {
	// Name and NameHi name what the document is for (a station or an area), for its title.
	Name, NameHi string
	// Lang is the poster's first language (Hindi unless asked); its second is Other.
	Lang  string
	Paper string
	// FontBase is where the vendored fonts are: "/fonts/" on the server, "fonts/" next to the
	// files the command line writes.
	FontBase string
	// Toolbar shows, on screen only, a print button and the choice of paper, and a warning
	// when the App URL would make the QR codes useless (AppURLProblem's key; AppURL is it).
	Toolbar       bool
	AppURLWarning string
	AppURL        string
	Posters       []Poster
}

// Other is the poster's second language: English, or Hindi on an English poster.
func (d *Document) Other() string {
	if d.Lang == words.English {
		return words.Hindi
	}
	return words.English
}

// Render writes the document as one HTML page.
func (d *Document) Render(w io.Writer) error {
	return page.Execute(w, d)
}

type stationRow struct {
	Code, Name, District string
	NameHi               string `db:"name_hi"`
}

// ForStation is the poster of one active station, its code in any case.
func ForStation(app core.App, code, paper string) (*Document, error) {
	var rows []stationRow
	err := app.DB().Select("code", "name", "name_hi", "district").From(schema.Stations).
		Where(dbx.HashExp{"code": strings.ToLower(code), "active": true}).All(&rows)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, noStation(code)
	}
	return build(app, rows, paper, rows[0].Name, rows[0].NameHi)
}

// ForArea is the posters of every active station of an area (a range, district or
// sub-division; its code in any case), by station name.
func ForArea(app core.App, areaCode, paper string) (*Document, error) {
	area, err := app.FindFirstRecordByData(schema.Areas, "code", strings.ToLower(areaCode))
	if err != nil {
		return nil, fmt.Errorf("%w: no area has the code %q", ErrNotFound, areaCode)
	}
	// Every station carries its sub-division, district and range: one column per kind.
	var rows []stationRow
	err = app.DB().Select("code", "name", "name_hi", "district").From(schema.Stations).
		Where(dbx.HashExp{area.GetString("kind"): area.Id, "active": true}).
		OrderBy("name", "code").All(&rows)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: area %q has no active stations", ErrNotFound, areaCode)
	}
	return build(app, rows, paper, area.GetString("name"), area.GetString("name_hi"))
}

func build(app core.App, rows []stationRow, paper, name, nameHi string) (*Document, error) {
	settings, err := appconfig.All(app)
	if err != nil {
		return nil, err
	}
	appURL := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	d := &Document{Name: name, NameHi: nameHi, Lang: words.Hindi, Paper: paper, FontBase: "/fonts/", Toolbar: true,
		Posters: make([]Poster, 0, len(rows))}
	cache := qr.CacheOf(app)
	for _, r := range rows {
		code, err := cache.Get(appURL, r.Code)
		if err != nil {
			return nil, err
		}
		cfg := settings.For(r.District)
		d.Posters = append(d.Posters, Poster{Code: r.Code, Name: r.Name, NameHi: r.NameHi,
			DistrictName: cfg.DistrictName, DistrictNameHi: cfg.DistrictNameHi,
			CampaignName: cfg.CampaignName, CampaignNameHi: cfg.CampaignNameHi,
			QR:       template.HTML(code.SVG()), // drawn by package qr from the bitmap, no outside text
			ShortURL: withoutScheme(code.Content), TrackURL: withoutScheme(appURL + "/track"),
			Long: utf8.RuneCountInString(r.Name) > longName || utf8.RuneCountInString(r.NameHi) > longName})
	}
	return d, nil
}

// withoutScheme shortens an address for typing; browsers add the scheme back.
func withoutScheme(u string) string {
	_, rest, found := strings.Cut(u, "://")
	if !found {
		return u
	}
	return rest
}

// StationQR is the QR code of an active station.
func StationQR(app core.App, code string) (*qr.Code, error) {
	var active []bool
	code = strings.ToLower(code) // codes are lower case; a poster's reader may type capitals
	err := app.DB().Select("active").From(schema.Stations).Where(dbx.HashExp{"code": code}).Column(&active)
	if err != nil {
		return nil, err
	}
	if len(active) == 0 || !active[0] {
		return nil, noStation(code)
	}
	return qr.CacheOf(app).Get(app.Settings().Meta.AppURL, code)
}
