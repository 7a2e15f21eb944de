package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"anubhav/receipt"
)

// DESIGN.md, "Privacy, by construction", as the built binary keeps it: the receipt key is
// never silently replaced. A fresh install makes one; a lost one stops `serve` with a message
// that says how to restore it, and only `receipt-key new --yes` makes a new one.

func TestServeRefusesWhenTheReceiptKeyIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "pb_data")
	key := filepath.Join(dir, receipt.KeyFile)

	// A fresh install serves, and has made its key.
	_, stop := serveDir(t, bin, dir)
	stop()
	if _, err := os.Stat(key); err != nil {
		t.Fatalf("a fresh install made no receipt key: %v", err)
	}

	// The demo gives receipts with it, which track.
	out := runBinary(t, bin, "demo", "--dir", dir)
	m := regexp.MustCompile(`for /track: (\d{4}-\d{4}-\d{4}-\d{4})`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no receipt in the demo's output:\n%s", out)
	}
	given := m[1]
	track := func(base string) int {
		t.Helper()
		status, _ := get(t, base+"/api/track/"+given)
		return status
	}
	base, stop := serveDir(t, bin, dir)
	if got := track(base); got != http.StatusOK {
		t.Fatalf("a demo receipt tracks with %d to begin with", got)
	}
	stop()

	// The key is lost: serve refuses, and says how to restore it.
	if err := os.Remove(key); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	refused, err := exec.CommandContext(ctx, bin, "serve", "--dir", dir, "--http", freeAddr(t)).CombinedOutput()
	if err == nil || ctx.Err() != nil {
		t.Fatalf("serve without its receipt key: %v (%v), want a refusal\n%s", err, ctx.Err(), refused)
	}
	for _, s := range []string{key, "is missing", filepath.Join(dir, "backups"), "receipt-key new --yes", "can no longer track"} {
		if !strings.Contains(string(refused), s) {
			t.Errorf("serve's message lacks %q:\n%s", s, refused)
		}
	}
	if _, err := os.Stat(key); err == nil {
		t.Fatal("serve made a new key")
	}

	// No copy is left: a new key only on request, and with --yes.
	out2, err := exec.Command(bin, "receipt-key", "new", "--dir", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out2), "--yes") || !strings.Contains(string(out2), "can no longer track") {
		t.Fatalf("receipt-key new without --yes: %v\n%s", err, out2)
	}
	if _, err := os.Stat(key); err == nil {
		t.Fatal("receipt-key new without --yes made a key")
	}
	t.Logf("serve refused with:\n%s", refused)

	runBinary(t, bin, "receipt-key", "new", "--yes", "--dir", dir)
	base, stop = serveDir(t, bin, dir)
	defer stop()
	if got := track(base); got != http.StatusNotFound {
		t.Fatalf("a receipt given before the new key tracks with %d, want 404", got)
	}
}

// serveDir runs `serve` on dir until the test stops it with the returned function.
func serveDir(t *testing.T, bin, dir string) (base string, stop func()) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := exec.CommandContext(ctx, bin, "serve", "--dir", dir, "--http", addr)
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) }
	var logs strings.Builder
	srv.Stdout, srv.Stderr = io.Discard, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	stop = func() {
		cancel()
		_ = srv.Wait() // stopped by us: its exit status says nothing
	}
	base = "http://" + addr
	if !healthy(base) {
		stop()
		t.Fatalf("%s did not become healthy within 30 s; the server said:\n%s", base, logs.String())
	}
	return base, stop
}

func runBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
