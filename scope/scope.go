// Package scope turns an officer into the part of the district they may see, as DESIGN.md's
// "who sees what" table has it. The API rules in migrations say the same for PocketBase's
// record API; custom routes and the digest use this package.
package scope

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Scope is what one officer may see.
type Scope struct {
	Role string
	// Field is the feedback (and station) column that holds the officer's unit: "station"
	// for a station officer, otherwise "subdivision", "district" or "range"; ID is its value.
	Field string
	ID    string
}

// Of returns the scope of an officers record.
func Of(officer *core.Record) Scope {
	role := officer.GetString("role")
	if role == schema.RoleStation {
		return Scope{Role: role, Field: "station", ID: officer.GetString("station")}
	}
	return Scope{Role: role, Field: role, ID: officer.GetString("area")}
}

// Valid reports whether the officer is bound to a unit at all; one who is not sees nothing.
func (s Scope) Valid() bool { return s.ID != "" }

// SeesComplaints: complaints and tip-offs never reach a station.
func (s Scope) SeesComplaints() bool { return s.Role != schema.RoleStation }

// SeesContacts: only the sub-division and the district, and only where the citizen consented.
func (s Scope) SeesContacts() bool {
	return s.Role == schema.RoleSubdivision || s.Role == schema.RoleDistrict
}

// SeesTimeOfDay: a station officer sees the date of an item, not its time.
func (s Scope) SeesTimeOfDay() bool { return s.Role != schema.RoleStation }

// Feedback is the condition on the feedback table (aliased as given, "" for none) that
// selects the items of this scope.
func (s Scope) Feedback(alias string) dbx.Expression {
	col := func(name string) string {
		if alias == "" {
			return name
		}
		return alias + "." + name
	}
	if !s.Valid() {
		return dbx.NewExp("0")
	}
	if !s.SeesComplaints() {
		return dbx.And(dbx.HashExp{col("station"): s.ID}, dbx.HashExp{col("kind"): schema.KindExperience})
	}
	return dbx.HashExp{col(s.Field): s.ID}
}

// Stations is the condition on the stations table that selects the stations of this scope.
func (s Scope) Stations() dbx.Expression {
	if !s.Valid() {
		return dbx.NewExp("0")
	}
	if s.Field == "station" {
		return dbx.HashExp{"id": s.ID}
	}
	return dbx.HashExp{s.Field: s.ID}
}

// Districts are the ids of the districts the scope lies in: one, or a range's districts.
func (s Scope) Districts(app core.App) ([]string, error) {
	if !s.Valid() {
		return nil, nil
	}
	var ids []string
	var q *dbx.SelectQuery
	switch s.Role {
	case schema.RoleStation:
		q = app.DB().Select("district").From(schema.Stations).Where(dbx.HashExp{"id": s.ID})
	case schema.RoleSubdivision:
		q = app.DB().Select("parent").From(schema.Areas).Where(dbx.HashExp{"id": s.ID})
	case schema.RoleDistrict:
		return []string{s.ID}, nil
	default:
		q = app.DB().Select("id").From(schema.Areas).Where(dbx.HashExp{"parent": s.ID, "kind": schema.AreaDistrict}).OrderBy("id")
	}
	return ids, q.Column(&ids)
}
