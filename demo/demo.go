// Package demo seeds a realistic demo range: the areas and police stations of the Durg range,
// one officer of each role (and a few more), a dashboard superuser, and some hundreds of
// citizens' feedback items of the last 60 days with their follow-ups. Seeding is idempotent:
// areas, stations and accounts are upserted by code or email, and feedback is added only to
// a database that holds none, so a district's real items never get demo company.
package demo

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/importer"
	"anubhav/progress"
	"anubhav/schema"
)

// The Durg range's areas and stations (a copy of the project's fixture files).
var (
	//go:embed data/durg-range-areas.csv
	areasCSV []byte
	//go:embed data/durg-range-stations.csv
	stationsCSV []byte
)

// Password is every demo account's password. It is printed: demo accounts are for trying
// the appliance out, never for a district's live server.
const Password = "anubhav-demo"

// PocketBase's own App URL, which the demo replaces with one that works from this machine.
const (
	pocketBaseAppURL = "http://localhost:8090"
	demoAppURL       = "http://127.0.0.1:8090"
)

// The district's names in the config row, set while it still has the migration's defaults.
const (
	defaultDistrictName = "District Police"
	demoDistrictName    = "Durg Range Police"
	demoDistrictNameHi  = "दुर्ग रेंज पुलिस"
)

// Result is what a seeding did and the logins it prints.
type Result struct {
	Areas, Stations importer.Summary
	// ItemsAdded is the number of feedback items added (0 when the database had some).
	ItemsAdded int
	Logins     []Login
	// Receipts are receipt numbers of demo items with public replies, for /track.
	Receipts []string
	// AppURL is where the appliance says it is (PocketBase's App URL).
	AppURL string
}

// Seed seeds the demo range into app (which must have Anubhav's hooks bound, so that each
// station and item gets its lineage). progress, if not nil, follows the feedback items.
func Seed(app core.App, itemsProgress progress.Func) (*Result, error) {
	res := &Result{}
	var err error
	if res.Areas, err = importer.Areas(app, bytes.NewReader(areasCSV), nil); err != nil {
		return nil, fmt.Errorf("demo areas: %w", err)
	}
	if res.Stations, err = importer.Stations(app, bytes.NewReader(stationsCSV), nil); err != nil {
		return nil, fmt.Errorf("demo stations: %w", err)
	}
	if err := setDistrict(app); err != nil {
		return nil, err
	}
	if err := setAppURL(app); err != nil {
		return nil, err
	}
	staff, logins, err := seedAccounts(app)
	if err != nil {
		return nil, err
	}
	res.Logins = logins
	if res.ItemsAdded, err = seedItems(app, staff, itemsProgress); err != nil {
		return nil, fmt.Errorf("demo feedback: %w", err)
	}
	if res.Receipts, err = demoReceipts(app); err != nil {
		return nil, err
	}
	res.AppURL = app.Settings().Meta.AppURL
	return res, nil
}

func setDistrict(app core.App) error {
	row, err := app.FindFirstRecordByFilter(schema.Config, "district = ''") // the deployment's own
	if err != nil {
		return fmt.Errorf("the config row: %w", err)
	}
	if row.GetString("district_name") != defaultDistrictName {
		return nil // the district has named itself
	}
	row.Set("district_name", demoDistrictName)
	row.Set("district_name_hi", demoDistrictNameHi)
	return app.Save(row)
}

func setAppURL(app core.App) error {
	s := app.Settings()
	if s.Meta.AppURL != pocketBaseAppURL {
		return nil
	}
	s.Meta.AppURL = demoAppURL
	return app.Save(s)
}

// Print writes what was seeded and the demo logins.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "Areas: %s.\nStations: %s.\n", r.Areas, r.Stations)
	if r.ItemsAdded > 0 {
		fmt.Fprintf(w, "Feedback: %d demo items of the last %d days added.\n", r.ItemsAdded, days)
	} else {
		fmt.Fprintln(w, "Feedback: the database already holds items; no demo items added.")
	}
	fmt.Fprintf(w, "\nDemo logins (password for all: %s)\n\n", Password)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHERE\tEMAIL\tWHO")
	for _, l := range r.Logins {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", l.Where, l.Email, l.Who)
	}
	tw.Flush()
	if len(r.Receipts) > 0 {
		fmt.Fprintf(w, "\nReceipts of demo items with a reply, for /track: %s\n", strings.Join(r.Receipts, ", "))
	}
	fmt.Fprintf(w, "\nStart the server with `serve` and open %s (console at /console/, dashboard at /_/).\n"+
		"These accounts have a published password: never seed the demo on a district's live server.\n", r.AppURL)
}
