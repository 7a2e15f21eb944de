package areas

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/store"

	"anubhav/schema"
)

const cacheKey = "anubhav.stationLineage"

// StationLineage is the lineage of a station, cached: every new item needs it, and reading
// the station on each submission costs a tenth of the submission's time. Hooks call
// ForgetStations whenever a station or an area changes.
func StationLineage(app core.App, stationID string) (Lineage, error) {
	cache := app.Store().GetOrSet(cacheKey, func() any { return store.New[string, Lineage](nil) }).(*store.Store[string, Lineage])
	if l, ok := cache.GetOk(stationID); ok {
		return l, nil
	}
	station, err := app.FindRecordById(schema.Stations, stationID)
	if err != nil {
		return Lineage{}, err
	}
	l := Read(station)
	cache.Set(stationID, l)
	return l, nil
}

// ForgetStations drops the cached lineages.
func ForgetStations(app core.App) { app.Store().Remove(cacheKey) }
