package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"anubhav/testkit/procmem"
)

// The appliance as a district runs it: the built binary, seeded with the demo, serving on
// loopback. Checks the routes every page depends on and the idle memory budget (DESIGN.md:
// ≤ 80 MB resident when idle).

const idleBudgetMB = 80

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "anubhav")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestBinaryServesTheDemoAndIdlesSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, err := exec.Command(bin, "demo", "--dir", dir).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := exec.CommandContext(ctx, bin, "serve", "--dir", dir, "--http", addr)
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) } // a graceful stop
	var logs strings.Builder
	srv.Stdout, srv.Stderr = io.Discard, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = srv.Wait() // stopped by us: its exit status says nothing
	}()
	base := "http://" + addr
	if !healthy(base) {
		t.Fatalf("%s did not become healthy within 30 s; the server said:\n%s", base, logs.String())
	}

	for _, c := range []struct {
		path, contains string
		status         int
	}{
		{"/", "अनुभव", http.StatusOK},
		{"/?lang=en", "Anubhav", http.StatusOK},
		{"/_/", "<html", http.StatusOK},
		{"/api/collections/questions/records", `"key":"rating"`, http.StatusOK},
		{"/api/no-such-route", `"status":404`, http.StatusNotFound},
		{"/no-such-page", "पेज नहीं मिला", http.StatusNotFound},
	} {
		status, body := get(t, base+c.path)
		if status != c.status || !strings.Contains(body, c.contains) {
			t.Errorf("GET %s: %d, want %d with %q; body starts %.200q", c.path, status, c.status, c.contains, body)
		}
	}

	if runtime.GOOS != "linux" {
		return
	}
	time.Sleep(3 * time.Second) // let start-up garbage be collected
	rss, _ := procmem.Of(t, srv.Process.Pid)
	t.Logf("resident memory when idle: %.1f MB (budget %d MB)", rss, idleBudgetMB)
	if rss > idleBudgetMB {
		t.Errorf("idle resident memory %.1f MB exceeds the %d MB budget", rss, idleBudgetMB)
	}
}

func healthy(base string) bool {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
