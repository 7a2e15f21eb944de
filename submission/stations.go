package submission

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/stations"
)

// Station is what a submission needs of a police station.
type Station = stations.Station

// FindStation returns the station with a code, active or not (cached, see package stations).
func FindStation(app core.App, code string) (Station, error) { return stations.ByCode(app, code) }
