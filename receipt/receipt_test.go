package receipt_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/receipt"
	"anubhav/testkit/testapp"
)

func TestNewIsSixteenRandomDigits(t *testing.T) {
	seen := map[string]bool{}
	digitsSeen := map[byte]bool{}
	for range 2000 {
		r, err := receipt.New()
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^\d{16}$`).MatchString(r) {
			t.Fatalf("receipt %q is not 16 digits", r)
		}
		if seen[r] {
			t.Fatalf("receipt %s drawn twice", r)
		}
		seen[r] = true
		digitsSeen[r[0]] = true
	}
	// leading digits are uniform too (zero padding is kept, not skipped)
	if len(digitsSeen) != 10 {
		t.Fatalf("first digits seen: %v", digitsSeen)
	}
}

// A form's receipt is the same each time the form is sent, another form's is another, and
// without the key nobody can tell it from the token.
func TestForTokenIsFixedPerTokenAndKeyed(t *testing.T) {
	app, _ := testapp.New(t)
	seen := map[string]bool{}
	first := map[byte]bool{}
	for i := range 500 {
		token := fmt.Sprintf("1764000000000.TOKEN%d.sig", i)
		r, err := receipt.ForToken(app, token)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := receipt.ForToken(app, token); again != r {
			t.Fatalf("token %s: receipt %s, then %s", token, r, again)
		}
		if !regexp.MustCompile(`^\d{16}$`).MatchString(r) || seen[r] {
			t.Fatalf("token %s: receipt %q not 16 digits, or given twice", token, r)
		}
		seen[r] = true
		first[r[0]] = true
	}
	if len(first) != 10 {
		t.Fatalf("first digits seen: %v", first)
	}
	before, _ := receipt.ForToken(app, "1764000000000.TOKEN0.sig")
	if _, err := receipt.Replace(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if after, _ := receipt.ForToken(app, "1764000000000.TOKEN0.sig"); after == before {
		t.Fatalf("a new key gives the same receipt %s", after)
	}
}

func TestFormatAndNormalize(t *testing.T) {
	if got := receipt.Format("1234567890123456"); got != "1234-5678-9012-3456" {
		t.Fatalf("Format = %q", got)
	}
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"1234-5678-9012-3456", "1234567890123456", true},
		{" 1234 5678 9012 3456 ", "1234567890123456", true},
		{"१२३४-५६७८-९०१२-३४५६", "1234567890123456", true},
		{"0000000000000000", "0000000000000000", true},
		{"1234-5678-9012-345", "", false},
		{"1234-5678-9012-34567", "", false},
		{"1234-5678-9012-345a", "", false},
		{"", "", false},
		{"12345678901234567890123456789", "", false},
		{"1234%5678", "", false},
	}
	for _, c := range cases {
		got, ok := receipt.Normalize(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestHashIsKeyedByAFileOutsideTheDatabase(t *testing.T) {
	app, _ := testapp.New(t)
	h1, err := receipt.Hash(app, "1234567890123456")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := receipt.Hash(app, "1234567890123456")
	h3, _ := receipt.Hash(app, "1234567890123457")
	if h1 != h2 || h1 == h3 || len(h1) != 64 {
		t.Fatalf("hashes %s %s %s", h1, h2, h3)
	}
	path := filepath.Join(app.DataDir(), receipt.KeyFile)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("key file not created: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}

	// Another app with another key file hashes differently: the key is what protects it.
	other, _ := testapp.New(t)
	h4, _ := receipt.Hash(other, "1234567890123456")
	if h4 == h1 {
		t.Fatal("two keys gave the same hash")
	}

	// The key survives a restart: a fresh process reads the same file.
	if err := os.WriteFile(filepath.Join(other.DataDir(), receipt.KeyFile), mustRead(t, path), 0o600); err != nil {
		t.Fatal(err)
	}
	other.Store().RemoveAll()
	if h5, _ := receipt.Hash(other, "1234567890123456"); h5 != h1 {
		t.Fatal("the same key file gave another hash")
	}
}

func TestDamagedKeyIsAnErrorNotANewKey(t *testing.T) {
	app, _ := testapp.New(t)
	path := filepath.Join(app.DataDir(), receipt.KeyFile)
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := receipt.Hash(app, "1234567890123456"); err == nil {
		t.Fatal("a damaged key was accepted")
	}
	if string(mustRead(t, path)) != "garbage" {
		t.Fatal("the damaged key file was overwritten")
	}
}

// DESIGN.md, "Privacy, by construction": the receipt key is never silently replaced. Without
// a receipt given, a missing key is made (a fresh install); once one is given, a missing key
// is an error that says how to restore it, and only Replace makes a new one.
func TestMissingKeyIsMadeOnlyWhileNoReceiptExists(t *testing.T) {
	app, f := testapp.New(t)
	path := filepath.Join(app.DataDir(), receipt.KeyFile)
	given, err := receipt.Hash(app, "1234567890123456") // no receipt yet: the key is made
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("UPDATE feedback SET receipt_hash = {:h} WHERE id = {:id}").
		Bind(dbx.Params{"h": given, "id": f.Items["a-exp"]}).Execute(); err != nil {
		t.Fatal(err)
	}
	old := mustRead(t, path)

	os.Remove(path)
	app.Store().RemoveAll() // a new process
	_, err = receipt.Hash(app, "1234567890123456")
	if !errors.Is(err, receipt.ErrKeyMissing) {
		t.Fatalf("lost key with a receipt given: %v, want ErrKeyMissing", err)
	}
	for _, s := range []string{path, filepath.Join(app.DataDir(), "backups"), "given to citizens (1)", "receipt-key new --yes", "no longer track"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("the message lacks %q:\n%v", s, err)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a key file was made: %v", err)
	}

	// Restored from a backup, it works again without a restart.
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	if h, err := receipt.Hash(app, "1234567890123456"); err != nil || h != given {
		t.Fatalf("restored key: %v, hash %s want %s", err, h, given)
	}

	// Replace keeps the old key beside the new one.
	kept, err := receipt.Replace(app, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRead(t, kept), old) || bytes.Equal(mustRead(t, path), old) {
		t.Fatalf("replaced: the old key is not kept as %s, or the key is unchanged", kept)
	}
	if h, _ := receipt.Hash(app, "1234567890123456"); h == given {
		t.Fatal("the new key hashes as the old one")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
