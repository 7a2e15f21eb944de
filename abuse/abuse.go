// Package abuse keeps junk out of the citizen's form without a third party and without ever
// writing a client address down. Besides PocketBase's own in-memory rate limiter (rules in
// the privacy defaults migration) it gives:
//
//   - a signed form token: the form page carries the time it was served, a random part and
//     the station, signed with a key derived from the receipt key. A post without a valid
//     token (missing, forged, for another station, or older than MaxTokenAge) is refused with
//     a message and the form is shown again with a fresh token and the citizen's text kept.
//     A post sent sooner than MinFillTime after the page was served is stored but flagged
//     burst: a real citizen's item is never dropped for being quick.
//   - a honeypot field (HoneypotField), hidden from people; a post that fills it is refused.
//   - one item per token: the item keeps the token's keyed hash (TokenHash) under a unique
//     index, so a form is stored once, even after a restart. Its receipt is derived from the
//     token (receipt.ForToken), so a second post of the same form with the same words (a
//     retry whose first answer was lost on 2G, a double press) is answered with the same
//     receipt and stores nothing (submission.Replayed); with other words it is refused and
//     the form comes back with a fresh token. The threat: whoever holds the token (the page
//     left open on a shared phone) could fetch the receipt and then read the item's replies
//     at /track. That needs the exact words as well, which the page on that phone shows
//     anyway (the page is the leak, not the receipt), and it lasts only while the token is
//     valid (MaxTokenAge, 24 h: CheckToken refuses the post before any replay is looked at).
//     The token is not in any URL or log, and no other site can post it (CheckOrigin).
//   - a check that the post comes from the appliance's own pages (CheckOrigin).
//   - the day's keyed hashes of who sends (SenderOf): one of the user agent and the client
//     address, one of the address alone, each with the station and who may read the kind of
//     item (the station: experience; supervisors only: the rest), under a salt that lives only
//     in memory and changes every day (UTC), so they link a day's items and nothing else. The
//     device's hash is stored with the item; the address is not, nor its hash. An item is
//     flagged burst when its device has already sent BurstLimit items for the station within
//     BurstWindow, or its address AddressLimit: a changed user agent does not escape the
//     second count, and the phones behind one carrier address rarely reach it. The recent
//     sends are counted in memory (IsBurst, Record): a restart brings a new salt anyway, so
//     nothing older could match.
package abuse

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/netip"
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
	// AddressLimit: an address's items for one station beyond AddressLimit within BurstWindow
	// are flagged burst, whatever the user agent. It is higher than BurstLimit because a
	// carrier's NAT puts many phones behind one address.
	AddressLimit = 10
)

// ErrToken is the refusal of a post without a valid form token.
var ErrToken = errors.New("missing, forged or expired form token")

func tokenKey(app core.App) ([]byte, error) { return receipt.Derive(app, "form token") }

// NewToken signs the time a station's form is served, with a random part: as a token serves
// one item, two forms served in the same millisecond must not share one.
func NewToken(app core.App, station string, now time.Time) (string, error) {
	key, err := tokenKey(app)
	if err != nil {
		return "", err
	}
	served := strconv.FormatInt(now.UnixMilli(), 10) + "." + rand.Text()
	return served + "." + sign(key, station, served), nil
}

func sign(key []byte, station, served string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(station + "\x00" + served))
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
	dot := strings.LastIndexByte(token, '.')
	if dot < 0 || !hmac.Equal([]byte(token[dot+1:]), []byte(sign(key, station, token[:dot]))) {
		return false, ErrToken
	}
	issued, _, ok := strings.Cut(token[:dot], ".")
	ms, err := strconv.ParseInt(issued, 10, 64)
	if !ok || err != nil {
		return false, ErrToken
	}
	age := now.Sub(time.UnixMilli(ms))
	if age < -time.Minute || age > MaxTokenAge {
		return false, ErrToken
	}
	return age < MinFillTime, nil
}

// TokenHash is the keyed hash under which an item keeps the token of the form that sent it:
// the unique index on it lets one token serve one item, and the token itself is not kept.
func TokenHash(app core.App, token string) (string, error) {
	key, err := receipt.Derive(app, "form token used")
	if err != nil {
		return "", err
	}
	return keyed(key, token), nil
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

// Sender is the day's two keyed hashes of who sends one kind of item for a station.
type Sender struct {
	// Device: the user agent and the address; stored with the item.
	Device string
	// Address: the address alone; counted in memory, never stored.
	Address string
}

// SenderOf hashes who sends an item. clientAddr is used here and nowhere else. Experience
// items and complaints or tip-offs are counted apart: a station sees the burst flag on its
// experience items, and a count that took in complaints would tell it that the same visitor
// had complained about it.
func SenderOf(userAgent, clientAddr, station, kind string, now time.Time) Sender {
	audience := "supervisors"
	if kind == schema.KindExperience {
		audience = "station"
	}
	addr := network(clientAddr)
	key := dailySalt(now)
	return Sender{
		Device:  keyed(key, "device", userAgent, addr, station, audience),
		Address: keyed(key, "address", addr, station, audience),
	}
}

func keyed(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(m.Sum(nil))
}

// network is the part of an address that names one subscriber: an IPv4 address, or an IPv6
// address's /64, within which a phone picks new addresses at will.
func network(clientAddr string) string {
	ip, err := netip.ParseAddr(clientAddr)
	if err != nil {
		return clientAddr
	}
	ip = ip.Unmap()
	if ip.Is6() {
		if p, err := ip.Prefix(64); err == nil {
			return p.String()
		}
	}
	return ip.String()
}

// devices remembers when each device and address hash sent an item, for BurstWindow. Like
// the salt it lives in memory only: after a restart the salt is new, so old hashes could not
// match.
type devices struct {
	sync.Mutex
	sent  map[string][]time.Time
	swept time.Time
}

const devicesKey = "anubhav.devices"

func devicesOf(app core.App) *devices {
	return app.Store().GetOrSet(devicesKey, func() any { return &devices{sent: map[string][]time.Time{}} }).(*devices)
}

// IsBurst tells whether a sender's device has already sent BurstLimit items within
// BurstWindow, or its address AddressLimit. Record counts an item once it is stored.
func IsBurst(app core.App, s Sender, now time.Time) bool {
	d := devicesOf(app)
	d.Lock()
	defer d.Unlock()
	return d.recent(s.Device, now) >= BurstLimit || d.recent(s.Address, now) >= AddressLimit
}

func (d *devices) recent(hash string, now time.Time) int {
	n := 0
	for _, t := range d.sent[hash] {
		if now.Sub(t) < BurstWindow {
			n++
		}
	}
	return n
}

// Record notes that a sender's item was stored, and forgets what is older than BurstWindow.
func Record(app core.App, s Sender, now time.Time) {
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
	for _, hash := range []string{s.Device, s.Address} {
		recent := d.sent[hash][:0]
		for _, t := range d.sent[hash] {
			if now.Sub(t) < BurstWindow {
				recent = append(recent, t)
			}
		}
		d.sent[hash] = append(recent, now)
	}
}
