package console

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/poster"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/sms"
	"anubhav/words"
)

// Me is what the console needs to know about the officer logged in: who they are, what
// their role lets them see and do, their stations and the district's settings in brief.
type Me struct {
	Officer  MeOfficer       `json:"officer"`
	Sees     map[string]bool `json:"sees"`
	May      map[string]bool `json:"may"`
	Stations []MeStation     `json:"stations"`
	Config   MeConfig        `json:"config"`
	Posters  MePosters       `json:"posters"`
}

// MePosters is where the officer prints every poster of their area, and what is wrong with
// the App URL the posters' QR codes lead to (poster.AppURLProblem's key, "" for nothing).
type MePosters struct {
	URL     string `json:"url"`
	AppURL  string `json:"app_url"`
	Problem string `json:"problem"`
}

// MeOfficer is the officer, with the name of their unit in their language.
type MeOfficer struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Rank  string `json:"rank"`
	Role  string `json:"role"`
	Lang  string `json:"lang"`
	Email string `json:"email"`
	Unit  string `json:"unit"`
	// UnitName and UnitNameHi name the unit in each script, for a console in either language.
	UnitName   string `json:"unit_name"`
	UnitNameHi string `json:"unit_name_hi"`
}

// MeStation is one station of the officer's scope.
type MeStation struct {
	StationRef
	Active bool `db:"active" json:"active"`
}

// MeConfig is the part of the district's settings every officer's console shows.
type MeConfig struct {
	DistrictName   string `json:"district_name"`
	DistrictNameHi string `json:"district_name_hi"`
	CampaignName   string `json:"campaign_name"`
	CampaignNameHi string `json:"campaign_name_hi"`
	ReviewDays     int    `json:"review_days"`
	ActionDays     int    `json:"action_days"`
	Timezone       string `json:"timezone"`
	// SMS: replies also go by SMS where the citizen allows it.
	SMS bool `json:"sms"`
}

// Describe tells the console about an officer.
func Describe(app core.App, officer *core.Record) (*Me, error) {
	sc := scope.Of(officer)
	cfg, err := appconfig.ForScope(app, sc)
	if err != nil {
		return nil, err
	}
	me := &Me{
		Officer: MeOfficer{ID: officer.Id, Name: officer.GetString("name"), Rank: officer.GetString("rank"),
			Role: sc.Role, Lang: officer.GetString("lang"), Email: officer.Email()},
		Sees: map[string]bool{"contacts": sc.SeesContacts(), "complaints": sc.SeesComplaints(), "time": sc.SeesTimeOfDay(),
			"escalated": EscalatedTo(sc, LevelDistrict)},
		May:      map[string]bool{"settings": MayEditSettings(officer), "enter": sc.Valid()},
		Stations: []MeStation{},
		Config: MeConfig{DistrictName: cfg.DistrictName, DistrictNameHi: cfg.DistrictNameHi, CampaignName: cfg.CampaignName,
			CampaignNameHi: cfg.CampaignNameHi, ReviewDays: cfg.ReviewDays, ActionDays: cfg.ActionDays,
			Timezone: cfg.Location.String(), SMS: sms.Enabled(cfg)},
	}
	me.Posters.AppURL = app.Settings().Meta.AppURL
	me.Posters.Problem = poster.AppURLProblem(me.Posters.AppURL)
	if err := app.DB().Select("id", "code", "name", "name_hi", "active").From(schema.Stations).
		Where(sc.Stations()).OrderBy("name").All(&me.Stations); err != nil {
		return nil, err
	}
	if sc.Valid() {
		collection := schema.Areas
		if sc.Field == "station" {
			collection = schema.Stations
		}
		if unit, err := app.FindRecordById(collection, sc.ID); err == nil {
			me.Officer.Unit = words.Name(me.Officer.Lang, unit.GetString("name_hi"), unit.GetString("name"))
			me.Officer.UnitName, me.Officer.UnitNameHi = unit.GetString("name"), unit.GetString("name_hi")
			me.Posters.URL = "/api/areas/" + unit.GetString("code") + "/posters"
			if collection == schema.Stations {
				me.Posters.URL = "/api/stations/" + unit.GetString("code") + "/poster"
			}
		}
	}
	return me, nil
}
