package submission

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Station is what a submission needs of a police station.
type Station struct {
	ID, Code, Name, NameHi string
	Active                 bool
}

type stationCache struct {
	sync.RWMutex
	byCode map[string]Station
}

const stationsKey = "anubhav.stationsByCode"

// FindStation returns the station with a code, active or not, from a cache that every
// station change clears (ForgetStations): reading the record on every submission cost more
// than storing the item.
func FindStation(app core.App, code string) (Station, error) {
	c := app.Store().GetOrSet(stationsKey, func() any { return &stationCache{byCode: map[string]Station{}} }).(*stationCache)
	c.RLock()
	s, ok := c.byCode[code]
	c.RUnlock()
	if ok {
		return s, nil
	}
	r, err := app.FindFirstRecordByData(schema.Stations, "code", code)
	if err != nil {
		return Station{}, err
	}
	s = Station{ID: r.Id, Code: r.GetString("code"), Name: r.GetString("name"), NameHi: r.GetString("name_hi"), Active: r.GetBool("active")}
	c.Lock()
	c.byCode[code] = s
	c.Unlock()
	return s, nil
}

// ForgetStations drops the cached stations; hooks call it whenever a station is saved or
// deleted.
func ForgetStations(app core.App) { app.Store().Remove(stationsKey) }
