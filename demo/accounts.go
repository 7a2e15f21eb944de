package demo

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Login is a demo account to print.
type Login struct {
	Email string
	// Where the account logs in: the console or the dashboard.
	Where string
	Who   string
}

// officer is a demo officer; unit is the code of their station (role station) or area.
type officer struct {
	email, name, rank, role, unit, lang string
}

// The demo officers: the in-charges of a few stations, the CSP of Supela's sub-division, the
// SPs of the three districts and the range IG.
var officers = []officer{
	{"ti.supela@demo.local", "Nirmal Sahu", "Inspector (TI)", schema.RoleStation, "drg-supela", schema.LangHindi},
	{"ti.kotwali@demo.local", "Anita Dhruw", "Inspector (TI)", schema.RoleStation, "drg-kotwali", schema.LangHindi},
	{"ti.balod@demo.local", "Ramesh Thakur", "Inspector (TI)", schema.RoleStation, "bld-balod", schema.LangHindi},
	{"ti.bemetara@demo.local", "Sunil Verma", "Sub-Inspector", schema.RoleStation, "bmt-bemetara", schema.LangHindi},
	{"csp.bhilai@demo.local", "Pooja Chandrakar", "CSP", schema.RoleSubdivision, "bhilai-nagar", schema.LangHindi},
	{"sdop.balod@demo.local", "Deepak Markam", "SDOP", schema.RoleSubdivision, "balod-sdop", schema.LangHindi},
	{"sp.durg@demo.local", "Vikas Shukla", "SP", schema.RoleDistrict, "durg", schema.LangEnglish},
	{"sp.balod@demo.local", "Meena Netam", "SP", schema.RoleDistrict, "balod", schema.LangEnglish},
	{"sp.bemetara@demo.local", "Arun Tiwari", "SP", schema.RoleDistrict, "bemetara", schema.LangEnglish},
	{"ig.durg@demo.local", "Rajendra Mishra", "IG", schema.RoleRange, "durg-range", schema.LangEnglish},
}

// SuperuserEmail is the demo's dashboard account.
const SuperuserEmail = "admin@demo.local"

// staff are the demo officers' records, by the unit they answer for.
type staff struct {
	byStation     map[string]*core.Record // station id -> its in-charge
	bySubdivision map[string]*core.Record // area id -> SDOP/CSP
	byDistrict    map[string]*core.Record // area id -> SP
}

func seedAccounts(app core.App) (*staff, []Login, error) {
	st := &staff{byStation: map[string]*core.Record{}, bySubdivision: map[string]*core.Record{}, byDistrict: map[string]*core.Record{}}
	var logins []Login
	for _, o := range officers {
		unitCollection := schema.Areas
		if o.role == schema.RoleStation {
			unitCollection = schema.Stations
		}
		unit, err := app.FindFirstRecordByData(unitCollection, "code", o.unit)
		if err != nil {
			return nil, nil, fmt.Errorf("demo officer %s: unit %s: %w", o.email, o.unit, err)
		}
		fields := map[string]any{"name": o.name, "rank": o.rank, "role": o.role, "lang": o.lang,
			"digest": o.role != schema.RoleStation, "station": "", "area": ""}
		if o.role == schema.RoleStation {
			fields["station"] = unit.Id
		} else {
			fields["area"] = unit.Id
		}
		rec, err := upsertAccount(app, schema.Officers, o.email, fields)
		if err != nil {
			return nil, nil, fmt.Errorf("demo officer %s: %w", o.email, err)
		}
		switch o.role {
		case schema.RoleStation:
			st.byStation[unit.Id] = rec
		case schema.RoleSubdivision:
			st.bySubdivision[unit.Id] = rec
		case schema.RoleDistrict:
			st.byDistrict[unit.Id] = rec
		}
		logins = append(logins, Login{Email: o.email, Where: "/console/",
			Who: fmt.Sprintf("%s, %s — %s (role %s)", o.name, o.rank, unit.GetString("name"), o.role)})
	}
	if _, err := upsertAccount(app, core.CollectionNameSuperusers, SuperuserEmail, nil); err != nil {
		return nil, nil, fmt.Errorf("demo superuser: %w", err)
	}
	logins = append(logins, Login{Email: SuperuserEmail, Where: "/_/", Who: "superuser (dashboard)"})
	return st, logins, nil
}

// upsertAccount creates or updates an auth record by email. The password is set only when it
// is not already the demo password, so that a second run changes nothing.
func upsertAccount(app core.App, collection, email string, fields map[string]any) (*core.Record, error) {
	rec, err := app.FindAuthRecordByEmail(collection, email)
	if errors.Is(err, sql.ErrNoRows) {
		col, err := app.FindCachedCollectionByNameOrId(collection)
		if err != nil {
			return nil, err
		}
		rec = core.NewRecord(col)
		rec.SetEmail(email)
	} else if err != nil {
		return nil, err
	}
	changed := rec.IsNew()
	for k, v := range fields {
		if fmt.Sprint(rec.Get(k)) != fmt.Sprint(v) {
			rec.Set(k, v)
			changed = true
		}
	}
	if !rec.ValidatePassword(Password) {
		rec.SetPassword(Password)
		changed = true
	}
	if !rec.Verified() {
		rec.SetVerified(true)
		changed = true
	}
	if !changed {
		return rec, nil
	}
	return rec, app.Save(rec)
}
