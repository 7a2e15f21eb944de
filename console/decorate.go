package console

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"

	"anubhav/schema"
)

// refLen is how many characters of an item's id make its reference.
const refLen = 8

// Ref is an item's short reference, said over the phone: the first characters of its id,
// grouped ("K3F9-2QXA"). Ids are random, so a reference tells nothing of the item's time and
// cannot be guessed from another's.
func Ref(id string) string {
	if len(id) < refLen {
		return strings.ToUpper(id)
	}
	return strings.ToUpper(id[:refLen/2] + "-" + id[refLen/2:refLen])
}

// decorate names the rows' stations and assignees and marks instructions that wait for an
// answer (an experience item's only: no station can answer on a complaint or a tip).
func (l *listing) decorate(rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	stationIDs, itemIDs, officerIDs := []any{}, []any{}, []any{}
	for _, r := range rows {
		stationIDs = append(stationIDs, r.Station.ID)
		itemIDs = append(itemIDs, r.ID)
		if r.AssignedTo != "" {
			officerIDs = append(officerIDs, r.AssignedTo)
		}
	}
	var stations []StationRef
	if err := l.app.DB().Select("id", "code", "name", "name_hi").From(schema.Stations).
		Where(dbx.In("id", stationIDs...)).All(&stations); err != nil {
		return err
	}
	var officers []OfficerRef
	if len(officerIDs) > 0 {
		if err := l.app.DB().Select("id", "name", "rank", "role").From(schema.Officers).
			Where(dbx.In("id", officerIDs...)).All(&officers); err != nil {
			return err
		}
	}
	var instructedIDs []string
	if err := l.app.DB().Select("feedback").Distinct(true).From(schema.Followups).
		Where(dbx.And(dbx.In("feedback", itemIDs...), dbx.HashExp{"kind": schema.FollowupInstruction})).
		Column(&instructedIDs); err != nil {
		return err
	}
	for i := range rows {
		r := &rows[i]
		if at := slices.IndexFunc(stations, func(s StationRef) bool { return s.ID == r.Station.ID }); at >= 0 {
			r.Station = stations[at]
		}
		if at := slices.IndexFunc(officers, func(o OfficerRef) bool { return o.ID == r.AssignedTo }); at >= 0 {
			r.AssignedName = officerLabel(officers[at].Name, officers[at].Rank)
		}
		waiting := r.Status == schema.StatusNew || r.Status == schema.StatusInReview
		r.Instructed = waiting && r.Kind == schema.KindExperience && slices.Contains(instructedIDs, r.ID)
	}
	return nil
}
