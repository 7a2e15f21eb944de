// Package receipt makes the citizen's receipt number and its keyed hash.
//
// A receipt is 16 random digits from a cryptographic source, shown in groups of four. Only
// its HMAC-SHA256 under a secret key is stored, so a copy of the database alone cannot tell
// which receipt belongs to which item. The key lives in a file in the data dir (KeyFile),
// created on first use, never in the database: back it up together with the data dir
// (PocketBase's own backups include it), or every receipt issued so far stops working.
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

	"github.com/pocketbase/pocketbase/core"

	"anubhav/digits"
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

// Format shows a receipt in groups of four: 1234-5678-9012-3456.
func Format(r string) string {
	if len(r) != Digits {
		return r
	}
	return r[0:4] + "-" + r[4:8] + "-" + r[8:12] + "-" + r[12:16]
}

// Normalize reads a receipt as a citizen may type it: with spaces or dashes, in Devanagari
// digits (०-९) or ASCII. It returns the 16 ASCII digits and whether the input was a receipt.
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

// Key returns the secret key, reading the key file in app.DataDir() or creating it (mode
// 0600) on first use. It is read once per process.
func Key(app core.App) ([]byte, error) {
	l := app.Store().GetOrSet(storeKey, func() any {
		k, err := loadOrCreate(filepath.Join(app.DataDir(), KeyFile))
		return loaded{k, err}
	}).(loaded)
	if l.err != nil {
		// Not cached: a fixed file (permissions, full disk) works without a restart.
		app.Store().Remove(storeKey)
	}
	return l.key, l.err
}

func loadOrCreate(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return create(path)
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

func create(path string) ([]byte, error) {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process made it first
		return loadOrCreate(path)
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
