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
//   - a device hash: HMAC of the user agent, the client address and the station under a
//     salt that lives only in memory and changes every day (UTC), so it links a device's
//     items of one day and nothing else. It is stored with the item; the address is not.
//     When a device has already sent BurstLimit items for a station within BurstWindow, the
//     next ones are flagged burst.
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

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

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
	issued := strconv.FormatInt(now.Unix(), 10)
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
	unix, err := strconv.ParseInt(issued, 10, 64)
	if err != nil {
		return false, ErrToken
	}
	age := now.Sub(time.Unix(unix, 0))
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

// DeviceHash is the day's keyed hash of a device sending for a station. clientAddr is used
// here and nowhere else; only the hash is kept.
func DeviceHash(userAgent, clientAddr, station string, now time.Time) string {
	m := hmac.New(sha256.New, dailySalt(now))
	m.Write([]byte(userAgent + "\x00" + clientAddr + "\x00" + station))
	return hex.EncodeToString(m.Sum(nil))
}

// IsBurst tells whether a device has already sent BurstLimit items for the station its hash
// was made for within BurstWindow.
func IsBurst(app core.App, deviceHash string, now time.Time) (bool, error) {
	since, err := types.ParseDateTime(now.Add(-BurstWindow))
	if err != nil {
		return false, err
	}
	var n int
	err = app.DB().Select("count(*)").From(schema.Feedback).
		Where(dbx.HashExp{"device_hash": deviceHash}).
		// repeats the partial index's condition, so that SQLite uses it
		AndWhere(dbx.NewExp("device_hash != '' AND created >= {:since}", dbx.Params{"since": since.String()})).
		Row(&n)
	return n >= BurstLimit, err
}
