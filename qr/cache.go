package qr

import (
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// FormURL is the address a station's code holds: its form, under the App URL.
func FormURL(appURL, stationCode string) string {
	return strings.TrimRight(appURL, "/") + "/s/" + stationCode
}

// Cache keeps each station's code, so serving it costs a map look-up. An entry remembers the
// URL it encodes: after a station's code or the App URL changes, a stale entry never
// matches, and hooks replace it ahead of the first request.
type Cache struct {
	mu    sync.RWMutex
	codes map[string]*Code // by station code
}

const storeKey = "anubhav.qr"

// CacheOf is the app's cache, made on first use.
func CacheOf(app core.App) *Cache {
	return app.Store().GetOrSet(storeKey, func() any {
		return &Cache{codes: map[string]*Code{}}
	}).(*Cache)
}

// Get returns the station's code for appURL, encoding it if the cache has no such entry.
func (c *Cache) Get(appURL, stationCode string) (*Code, error) {
	want := FormURL(appURL, stationCode)
	c.mu.RLock()
	code := c.codes[stationCode]
	c.mu.RUnlock()
	if code != nil && code.Content == want {
		return code, nil
	}
	code, err := New(want)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.codes[stationCode] = code
	c.mu.Unlock()
	return code, nil
}

// Forget drops a station's code, e.g. when the station is deleted or its code changes.
func (c *Cache) Forget(stationCode string) {
	c.mu.Lock()
	delete(c.codes, stationCode)
	c.mu.Unlock()
}
