// Package stations keeps what every submission needs of a police station (its code, names,
// whether it takes feedback, and its sub-division, district and range) in one cache that
// any change of a station or an area clears: reading the station on each submission cost
// more than storing the item.
package stations

import (
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/schema"
)

// Station is a police station as a submission needs it.
type Station struct {
	ID, Code, Name, NameHi string
	Active                 bool
	areas.Lineage
}

type cache struct {
	sync.RWMutex
	byCode, byID map[string]Station
}

const storeKey = "anubhav.stations"

func cacheOf(app core.App) *cache {
	return app.Store().GetOrSet(storeKey, func() any {
		return &cache{byCode: map[string]Station{}, byID: map[string]Station{}}
	}).(*cache)
}

// ByCode returns the station with a code, active or not. Codes are lower case; one typed
// in capitals (from a poster, by hand) is the same station.
func ByCode(app core.App, code string) (Station, error) {
	return cacheOf(app).find(app, strings.ToLower(code), func(c *cache) map[string]Station { return c.byCode }, "code")
}

// ByID returns the station with an id, active or not.
func ByID(app core.App, id string) (Station, error) {
	return cacheOf(app).find(app, id, func(c *cache) map[string]Station { return c.byID }, "id")
}

func (c *cache) find(app core.App, key string, index func(*cache) map[string]Station, field string) (Station, error) {
	c.RLock()
	s, ok := index(c)[key]
	c.RUnlock()
	if ok {
		return s, nil
	}
	r, err := app.FindFirstRecordByData(schema.Stations, field, key)
	if err != nil {
		return Station{}, err
	}
	s = Station{ID: r.Id, Code: r.GetString("code"), Name: r.GetString("name"), NameHi: r.GetString("name_hi"),
		Active: r.GetBool("active"), Lineage: areas.Read(r)}
	c.Lock()
	c.byCode[s.Code], c.byID[s.ID] = s, s
	c.Unlock()
	return s, nil
}

// Forget drops every cached station; hooks call it whenever a station or an area is saved
// or deleted (an area's move changes its stations' lineage).
func Forget(app core.App) { app.Store().Remove(storeKey) }
