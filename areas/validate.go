package areas

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// ValidateParent checks that an area sits one level under an area of the right kind: a
// district under a range, a sub-division under a district, a range at the top.
func ValidateParent(app core.App, area *core.Record) error {
	want := ParentKind(area.GetString("kind"))
	parentID := area.GetString("parent")
	if want == "" {
		if parentID != "" {
			return validation.Errors{"parent": validation.NewError("validation_parent_range", "A range has no parent area.")}
		}
		return nil
	}
	if parentID == "" {
		return validation.Errors{"parent": validation.NewError("validation_parent_missing", "A "+area.GetString("kind")+" needs a parent "+want+".")}
	}
	parent, err := app.FindRecordById(schema.Areas, parentID)
	if err != nil || parent.GetString("kind") != want {
		return validation.Errors{"parent": validation.NewError("validation_parent_kind", "The parent of a "+area.GetString("kind")+" must be a "+want+".")}
	}
	return nil
}

// ValidateOfficerUnit checks that an officer is bound to the unit of their role: a station
// officer to a station, the others to an area of the role's own kind.
func ValidateOfficerUnit(app core.App, officer *core.Record) error {
	role := officer.GetString("role")
	if role == "" {
		return nil // the required-field check reports it
	}
	if role == schema.RoleStation {
		if officer.GetString("station") == "" {
			return validation.Errors{"station": validation.NewError("validation_station_missing", "A station officer needs a station.")}
		}
		return nil
	}
	areaID := officer.GetString("area")
	if areaID == "" {
		return validation.Errors{"area": validation.NewError("validation_area_missing", "A "+role+" officer needs an area of kind "+role+".")}
	}
	area, err := app.FindRecordById(schema.Areas, areaID)
	if err != nil || area.GetString("kind") != role {
		return validation.Errors{"area": validation.NewError("validation_area_kind", "A "+role+" officer's area must be of kind "+role+".")}
	}
	return nil
}
