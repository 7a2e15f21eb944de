package testapp

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Fixture holds the ids of the seeded fixture, by code, email or name.
//
//	range rg
//	├── district d1
//	│   ├── sub-division s1: stations st-a, st-b, st-off (inactive)
//	│   └── station st-d (directly under the district)
//	└── district d2
//	    └── sub-division s2: station st-c
//
// Officers (password Password): station.a@test.local (st-a), station.b@test.local (st-b),
// sdo.s1@test.local (s1), sp.d1@test.local (d1), sp.d2@test.local (d2), ig@test.local (rg).
//
// Items, by name: "a-exp" (experience at st-a, contact with consent), "a-complaint"
// (complaint at st-a, contact with consent), "a-tip" (tip at st-a), "b-exp" (st-b),
// "c-exp" (st-c in d2, contact with consent), "d-exp" (st-d). "a-exp" and "c-exp" each
// have a public reply in their thread.
type Fixture struct {
	Areas    map[string]string
	Stations map[string]string
	Officers map[string]string
	Items    map[string]string
	Contacts map[string]string
	Replies  map[string]string
	// Tokens holds an auth token per officer email, and the superuser's under Superuser.
	// Every clone of the template shares the signing keys, so they work in any test app.
	Tokens map[string]string
}

// Officer emails, for Token.
const (
	StationA = "station.a@test.local"
	StationB = "station.b@test.local"
	SDO      = "sdo.s1@test.local"
	SP       = "sp.d1@test.local"
	OtherSP  = "sp.d2@test.local"
	IG       = "ig@test.local"
	// Superuser is the fixture superuser's email.
	Superuser = "root@test.local"
)

func seed(app core.App) (*Fixture, error) {
	f := &Fixture{Areas: map[string]string{}, Stations: map[string]string{}, Officers: map[string]string{},
		Items: map[string]string{}, Contacts: map[string]string{}, Replies: map[string]string{}, Tokens: map[string]string{}}
	var firstErr error
	save := func(collection string, data map[string]any) string {
		if firstErr != nil {
			return ""
		}
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			firstErr = err
			return ""
		}
		r := core.NewRecord(col)
		r.Load(data)
		if pw, ok := data["password"].(string); ok {
			r.SetPassword(pw)
			r.SetVerified(true)
		}
		if err := app.Save(r); err != nil {
			firstErr = fmt.Errorf("%s %v: %w", collection, data, err)
		}
		return r.Id
	}

	area := func(code, kind, parent string) {
		f.Areas[code] = save(schema.Areas, map[string]any{"code": code, "name": "Area " + code, "name_hi": "क्षेत्र " + code, "kind": kind, "parent": f.Areas[parent]})
	}
	area("rg", schema.AreaRange, "")
	area("d1", schema.AreaDistrict, "rg")
	area("d2", schema.AreaDistrict, "rg")
	area("s1", schema.AreaSubdivision, "d1")
	area("s2", schema.AreaSubdivision, "d2")

	station := func(code, areaCode string, active bool) {
		f.Stations[code] = save(schema.Stations, map[string]any{"code": code, "name": "Station " + code, "name_hi": "थाना " + code,
			"kind": "thana", "area": f.Areas[areaCode], "address": "Main Road", "active": active})
	}
	station("st-a", "s1", true)
	station("st-b", "s1", true)
	station("st-off", "s1", false)
	station("st-d", "d1", true)
	station("st-c", "s2", true)

	officer := func(email, role, stationCode, areaCode string) {
		f.Officers[email] = save(schema.Officers, map[string]any{"email": email, "password": Password, "name": "Officer " + email,
			"role": role, "station": f.Stations[stationCode], "area": f.Areas[areaCode], "digest": true, "lang": schema.LangEnglish})
	}
	officer(StationA, schema.RoleStation, "st-a", "")
	officer(StationB, schema.RoleStation, "st-b", "")
	officer(SDO, schema.RoleSubdivision, "", "s1")
	officer(SP, schema.RoleDistrict, "", "d1")
	officer(OtherSP, schema.RoleDistrict, "", "d2")
	officer(IG, schema.RoleRange, "", "rg")

	item := func(name, stationCode, kind string, rating int, contact bool) {
		f.Items[name] = save(schema.Feedback, map[string]any{"station": f.Stations[stationCode], "kind": kind, "rating": rating,
			"comment": "Fixture comment " + name, "channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew})
		if contact {
			f.Contacts[name] = save(schema.Contacts, map[string]any{"feedback": f.Items[name], "name": "Citizen " + name,
				"mobile": "9876543210", "consent": true})
		}
	}
	item("a-exp", "st-a", schema.KindExperience, 2, true)
	item("a-complaint", "st-a", schema.KindComplaint, 0, true)
	item("a-tip", "st-a", schema.KindTip, 0, false)
	item("b-exp", "st-b", schema.KindExperience, 5, false)
	item("c-exp", "st-c", schema.KindExperience, 4, true)
	item("d-exp", "st-d", schema.KindExperience, 3, false)

	reply := func(name, author string) {
		f.Replies[name] = save(schema.Followups, map[string]any{"feedback": f.Items[name], "author": f.Officers[author],
			"kind": schema.FollowupReply, "body": "Reply to " + name, "public": true})
	}
	reply("a-exp", SP)
	reply("c-exp", OtherSP)
	save(core.CollectionNameSuperusers, map[string]any{"email": Superuser, "password": Password})
	if firstErr != nil {
		return nil, firstErr
	}
	for email := range f.Officers {
		f.Tokens[email], firstErr = token(app, schema.Officers, email)
	}
	f.Tokens[Superuser], firstErr = token(app, core.CollectionNameSuperusers, Superuser)
	return f, firstErr
}

func token(app core.App, collection, email string) (string, error) {
	r, err := app.FindAuthRecordByEmail(collection, email)
	if err != nil {
		return "", err
	}
	return r.NewAuthToken()
}
