// Package abuse keeps junk out of the citizen's form without a third party and without ever
// writing a client address down. Besides PocketBase's own in-memory rate limiter (rules in
// the privacy defaults migration) it gives:
//
//   - a signed form token: the form page carries the time it was served and the station,
//     signed with a key derived from the receipt key. A post without a valid token (missing,
//     forged, for another station, or older than MaxTokenAge) is refused with a message and
//     the form is shown again with a fresh token and the citizen's text kept. A post sent
//     sooner than MinFillTime after the page was served is stored but flagged burst: a real
//     citizen's item is never dropped for being quick.
//   - a honeypot field (HoneypotField), hidden from people; a post that fills it is refused.
//   - a device hash: HMAC of the user agent, the client address, the station and who may
//     read the kind of item (the station: experience; supervisors only: the rest) under a
//     salt that lives only in memory and changes every day (UTC), so it links a device's
//     items of one day and nothing else. It is stored with the item; the address is not.
//     When a device has already sent BurstLimit items for a station within BurstWindow, the
//     next ones are flagged burst. The recent sends are counted in memory (IsBurst, Record):
//     a restart brings a new salt anyway, so nothing older could match.
package abuse

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
)

// HoneypotField is the name of the form field that people never see nor fill.
const HoneypotField = "website"

const (
	// MinFillTime is the least time a person takes to fill the form; quicker posts are
	// flagged burst.
	MinFillTime = 3 * time.Second
	// MaxTokenAge is how long a served form may be sent; later the form is shown again
	// with the typed text kept.
	MaxTokenAge = 24 * time.Hour
	// BurstWindow and BurstLimit: a device's items for one station beyond BurstLimit within
	// BurstWindow are flagged burst.
	BurstWindow = time.Hour
	BurstLimit  = 2
)

// ErrToken is the refusal of a post without a valid form token.
var ErrToken = errors.New("missing, forged or expired form token")

func tokenKey(app core.App) ([]byte, error) { return receipt.Derive(app, "form token") }

// NewToken signs the time a station's form is served.
func NewToken(app core.App, station string, now time.Time) (string, error) {
	key, err := tokenKey(app)
	if err != nil {
		return "", err
	}
	issued := strconv.FormatInt(now.UnixMilli(), 10)
	return issued + "." + sign(key, station, issued), nil
}

func sign(key []byte, station, issued string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(station + "\x00" + issued))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// CheckToken verifies a form token for a station. It returns ErrToken for a token that is
// missing, forged, for another station, from the future or too old, and tooFast for one
// sent sooner than MinFillTime after the form was served.
func CheckToken(app core.App, token, station string, now time.Time) (tooFast bool, err error) {
	key, err := tokenKey(app)
	if err != nil {
		return false, err
	}
	issued, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(sign(key, station, issued))) {
		return false, ErrToken
	}
	ms, err := strconv.ParseInt(issued, 10, 64)
	if err != nil {
		return false, ErrToken
	}
	age := now.Sub(time.UnixMilli(ms))
	if age < -time.Minute || age > MaxTokenAge {
		return false, ErrToken
	}
	return age < MinFillTime, nil
}

var salt struct {
	sync.Mutex
	day   string
	value []byte
}

// dailySalt is today's salt (UTC), made on first use and forgotten when the day changes.
func dailySalt(now time.Time) []byte {
	day := now.UTC().Format(time.DateOnly)
	salt.Lock()
	defer salt.Unlock()
	if salt.day != day {
		salt.value = make([]byte, 32)
		if _, err := rand.Read(salt.value); err != nil {
			panic("abuse: no randomness for the daily salt: " + err.Error())
		}
		salt.day = day
	}
	return salt.value
}

// DeviceHash is the day's keyed hash of a device sending one kind of item for a station.
// clientAddr is used here and nowhere else; only the hash is kept. Experience items and
// complaints or tip-offs are counted apart: a station sees the burst flag on its experience
// items, and a count that took in complaints would tell it that the same visitor had
// complained about it.
func DeviceHash(userAgent, clientAddr, station, kind string, now time.Time) string {
	audience := "supervisors"
	if kind == schema.KindExperience {
		audience = "station"
	}
	m := hmac.New(sha256.New, dailySalt(now))
	m.Write([]byte(userAgent + "\x00" + clientAddr + "\x00" + station + "\x00" + audience))
	return hex.EncodeToString(m.Sum(nil))
}

// devices remembers when each device hash sent an item, for BurstWindow. Like the salt it
// lives in memory only: after a restart the salt is new, so old hashes could not match.
type devices struct {
	sync.Mutex
	sent  map[string][]time.Time
	swept time.Time
}

const devicesKey = "anubhav.devices"

func devicesOf(app core.App) *devices {
	return app.Store().GetOrSet(devicesKey, func() any { return &devices{sent: map[string][]time.Time{}} }).(*devices)
}

// IsBurst tells whether a device has already sent BurstLimit items within BurstWindow for
// the station its hash was made for. Record counts an item once it is stored.
func IsBurst(app core.App, deviceHash string, now time.Time) bool {
	d := devicesOf(app)
	d.Lock()
	defer d.Unlock()
	n := 0
	for _, t := range d.sent[deviceHash] {
		if now.Sub(t) < BurstWindow {
			n++
		}
	}
	return n >= BurstLimit
}

// Record notes that a device's item was stored, and forgets what is older than BurstWindow.
func Record(app core.App, deviceHash string, now time.Time) {
	d := devicesOf(app)
	d.Lock()
	defer d.Unlock()
	if now.Sub(d.swept) > BurstWindow {
		for h, times := range d.sent {
			if now.Sub(times[len(times)-1]) >= BurstWindow {
				delete(d.sent, h)
			}
		}
		d.swept = now
	}
	recent := d.sent[deviceHash][:0]
	for _, t := range d.sent[deviceHash] {
		if now.Sub(t) < BurstWindow {
			recent = append(recent, t)
		}
	}
	d.sent[deviceHash] = append(recent, now)
}
