// Package receipt makes the citizen's receipt number and its keyed hash.
//
// A receipt is 16 digits, shown in groups of four: random from a cryptographic source (New),
// or, for a citizen's form, derived from its form token under a secret key (ForToken), so
// that the same form sent again gets the same receipt back (see package abuse). Only
// its HMAC-SHA256 under a secret key is stored, so a copy of the database alone cannot tell
// which receipt belongs to which item. The key lives in a file in the data dir (KeyFile),
// never in the database: back it up together with the data dir (PocketBase's own backups
// include it), or every receipt issued so far stops working. It is made on first use while
// no receipt exists; once receipts exist, a missing key is an error that says how to
// restore it, and a new key is made only on request (Replace), never silently.
package receipt

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/digits"
	"anubhav/schema"
)

// Digits is the length of a receipt.
const Digits = 16

// KeyFile is the name of the key file in the data dir.
const KeyFile = "anubhav_receipt.key"

const keySize = 32

var limit = new(big.Int).Exp(big.NewInt(10), big.NewInt(Digits), nil)

// New returns a fresh receipt: 16 digits, uniformly random, leading zeros kept.
func New() (string, error) {
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%0*d", Digits, n), nil
}

// ForToken returns the receipt of the item that a form token sends: 16 digits of an
// HMAC-SHA256 of the token under a key derived from the receipt key. The 256-bit HMAC is
// reduced modulo 10^16, so the bias is below 2^-200: as unpredictable as New to anyone without
// the key, and the same each time the form is sent, so that a resend whose answer was lost
// can be answered with the same receipt (the token serves one item all the same).
func ForToken(app core.App, token string) (string, error) {
	key, err := Derive(app, "receipt of a form token")
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(token))
	n := new(big.Int).SetBytes(m.Sum(nil))
	return fmt.Sprintf("%0*d", Digits, n.Mod(n, limit)), nil
}

// Format shows a receipt in groups of four: 1234-5678-9012-3456.
func Format(r string) string {
	if len(r) != Digits {
		return r
	}
	return r[0:4] + "-" + r[4:8] + "-" + r[8:12] + "-" + r[12:16]
}

// Normalize reads a receipt as a citizen may type it: with spaces or dashes, in Devanagari
// or ASCII digits. It returns the 16 ASCII digits and whether the input was a receipt.
func Normalize(s string) (string, bool) {
	d, ok := digits.Read(s, "-", Digits)
	return d, ok && len(d) == Digits
}

// Hash is the keyed hash of a normalised receipt, as stored in feedback.receipt_hash.
func Hash(app core.App, r string) (string, error) {
	key, err := Key(app)
	if err != nil {
		return "", err
	}
	return hashWith(key, r), nil
}

func hashWith(key []byte, r string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(r))
	return hex.EncodeToString(m.Sum(nil))
}

// Derive returns a key for another purpose (e.g. signing form tokens), derived from the
// receipt key, so the appliance keeps one secret file.
func Derive(app core.App, purpose string) ([]byte, error) {
	key, err := Key(app)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("anubhav derived key: " + purpose))
	return m.Sum(nil), nil
}

const storeKey = "anubhav.receiptKey"

type loaded struct {
	key []byte
	err error
}

// ErrKeyMissing is Key's error when the key file is gone while receipts made with it exist.
var ErrKeyMissing = errors.New("the receipt key is missing")

// Key returns the secret key, reading the key file in app.DataDir(), or creating it (mode
// 0600) while no item has a receipt yet. It is read once per process.
func Key(app core.App) ([]byte, error) {
	l := app.Store().GetOrSet(storeKey, func() any {
		k, err := load(app)
		return loaded{k, err}
	}).(loaded)
	if l.err != nil {
		// Not cached: a fixed file (restored, permissions, full disk) works without a restart.
		app.Store().Remove(storeKey)
	}
	return l.key, l.err
}

func load(app core.App) ([]byte, error) {
	path := filepath.Join(app.DataDir(), KeyFile)
	for {
		key, err := read(path)
		if !errors.Is(err, fs.ErrNotExist) {
			return key, err
		}
		// A new key would break every receipt given so far, without a word to anyone.
		issued, err := Issued(app)
		if err != nil {
			return nil, err
		}
		if issued > 0 {
			return nil, missingKey{app.DataDir(), issued}
		}
		if key, err = create(path); !errors.Is(err, fs.ErrExist) {
			return key, err
		}
		// another process made it first: read that one
	}
}

// Issued counts the items that have a receipt (every item a citizen sent, or an officer
// entered for one): the receipts that a new key would break.
func Issued(app core.App) (int, error) {
	if !app.HasTable(schema.Feedback) { // a data dir not migrated yet
		return 0, nil
	}
	var n int
	err := app.DB().Select("COUNT(*)").From(schema.Feedback).
		Where(dbx.NewExp("receipt_hash != ''")). // the partial index's condition
		Row(&n)
	return n, err
}

type missingKey struct {
	dir    string
	issued int
}

func (m missingKey) Is(target error) bool { return target == ErrKeyMissing }

func (m missingKey) Error() string {
	return fmt.Sprintf("the receipt key %s is missing, and receipts made with it were given to citizens (%d).\n"+
		"Restore that file before starting: copy %s from a copy of the data folder, or take it out of a\n"+
		"backup (every zip in %s holds it at its top level), into %s, readable by the service's user only.\n"+
		"Only if no copy is left: `anubhav receipt-key new --yes --dir=%s` makes a new key, and every\n"+
		"receipt given so far stops working (citizens can no longer track their items).",
		filepath.Join(m.dir, KeyFile), m.issued, KeyFile, filepath.Join(m.dir, "backups"), m.dir, m.dir)
}

// Replace makes a new key in place of the current one, or of a lost one. Every receipt made
// with the old key stops working: citizens can no longer track their items. A current key is
// kept beside it (KeyFile + ".replaced-" + time), so that putting it back undoes the change;
// Replace returns that file's path, or "" when there was no key. A running server keeps the
// key it read until it is restarted.
func Replace(app core.App, now time.Time) (kept string, err error) {
	path := filepath.Join(app.DataDir(), KeyFile)
	if _, err := os.Stat(path); err == nil {
		kept = path + ".replaced-" + now.UTC().Format("20060102-150405")
		if err := os.Rename(path, kept); err != nil {
			return "", fmt.Errorf("keeping the old receipt key: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("reading the receipt key %s: %w", path, err)
	}
	if _, err := create(path); err != nil {
		return kept, err
	}
	app.Store().Remove(storeKey)
	return kept, nil
}

func read(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("reading the receipt key %s: %w", path, err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != keySize {
		return nil, fmt.Errorf("the receipt key %s is damaged (want %d hex-encoded bytes); restore it from a backup", path, keySize)
	}
	return key, nil
}

// create writes a new key file; an existing one is left alone (fs.ErrExist).
func create(path string) ([]byte, error) {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("creating the receipt key %s: %w", path, err)
	}
	_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("writing the receipt key %s: %w", path, err)
	}
	return key, nil
}
