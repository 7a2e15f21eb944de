package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"anubhav/receipt"
	"anubhav/replicate"
)

// Continuous replication as a district runs it (README, "Replication and restore"): the built
// binary serves with a replica in a folder while citizens post, is killed with SIGKILL in the
// middle, and the replica is restored into new data folders, whose servers track receipts.
//
//   - Right after the kill (the machine and its disk lost): what is missing from the replica
//     is only what was acknowledged within the last seconds (the recovery point), measured.
//   - After `serve` comes back on the killed data folder and stops: the replica has every
//     acknowledged receipt.
func TestReplicaSurvivesAKillUnderLoadAndRestoresEveryReceipt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "pb_data")
	nas := filepath.Join(t.TempDir(), "nas")
	runBinary(t, bin, "demo", "--dir", dir)
	runBinary(t, bin, "superuser", "upsert", "root@replica.test", "replica-pass-123", "--dir", dir)
	env := []string{replicate.EnvReplica + "=" + nas}

	srv, base := startServe(t, bin, dir, env)
	admin := superuserToken(t, base)
	// a load test from one address: the rate limiter would refuse it (the setting is restored too)
	call(t, http.MethodPatch, base+"/api/settings", admin, `{"rateLimits":{"enabled":false}}`)
	station := firstStation(t, base)

	// the health endpoint: anyone reads whether the replica keeps up, a superuser its lag
	if status, body := get(t, base+"/api/health/replication"); status != http.StatusOK || body != `{"state":"ok"}` {
		t.Fatalf("public replication health: %d %s", status, body)
	}
	acked, maxLag, killedAt := loadThenKill(t, srv, base, station, admin)
	t.Logf("%d receipts acknowledged; largest lag a superuser read under load: %.1f s", len(acked), maxLag)
	if len(acked) < 50 {
		t.Fatalf("only %d receipts acknowledged before the kill", len(acked))
	}
	key := filepath.Join(dir, receipt.KeyFile)

	// The disk is lost with the machine: the replica as it was at the kill.
	lost := filepath.Join(t.TempDir(), "restored-at-kill")
	out := runEnv(t, bin, env, "restore", "--to", lost, "--receipt-key", key)
	t.Log(strings.TrimSpace(out))
	missing := untracked(t, bin, lost, acked)
	window := time.Duration(0)
	for _, a := range missing {
		window = max(window, killedAt.Sub(a.at))
	}
	t.Logf("restored right after the kill: %d of %d acknowledged receipts missing, all acknowledged within the last %s (recovery point)",
		len(missing), len(acked), window.Round(10*time.Millisecond))
	if window > 5*time.Second {
		t.Errorf("a receipt acknowledged %s before the kill is missing from the replica; the recovery point should be about 2 s", window)
	}

	// SIGKILL lost nothing that was acknowledged in the data folder itself.
	if missing := untracked(t, bin, dir, acked); len(missing) > 0 {
		t.Fatalf("%d acknowledged receipts are missing from the killed data folder, e.g. %s", len(missing), missing[0].receipt)
	}
	// The machine comes back: serve on the killed data folder ships the rest, and stops cleanly.
	_, again := startServe(t, bin, dir, env)
	if status, _ := get(t, again+"/api/health/replication"); status != http.StatusOK {
		t.Errorf("replication health after the restart: %d", status)
	}
	stopServe(t)
	back := filepath.Join(t.TempDir(), "restored")
	runEnv(t, bin, env, "restore", "--to", back, "--receipt-key", key)
	if missing := untracked(t, bin, back, acked); len(missing) > 0 {
		t.Fatalf("%d acknowledged receipts are missing after the restart and restore, e.g. %s", len(missing), missing[0].receipt)
	}
	over := exec.Command(bin, "restore", "--to", back)
	over.Env = append(os.Environ(), env...)
	if out, err := over.CombinedOutput(); err == nil || !strings.Contains(string(out), "not empty") {
		t.Errorf("a restore over a data folder: %v\n%s", err, out)
	}
	status := runEnv(t, bin, env, "replicate", "--dir", dir)
	if !strings.Contains(status, "in step") || !strings.Contains(status, nas) {
		t.Errorf("replicate after a clean stop:\n%s", status)
	}
}

type ack struct {
	receipt string
	at      time.Time
}

// loadThenKill posts feedback from 8 clients, as a phone does (the form, then the post with its
// token), reads the lag as a superuser meanwhile, and kills the server with SIGKILL after 3 s.
func loadThenKill(t *testing.T, srv *exec.Cmd, base, station, admin string) (acked []ack, maxLag float64, killedAt time.Time) {
	t.Helper()
	tokenRe := regexp.MustCompile(`name="token" value="([^"]+)"`)
	var mu sync.Mutex
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for c := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				res, err := http.Get(base + "/s/" + station)
				if err != nil {
					return // killed
				}
				page, _ := io.ReadAll(res.Body)
				res.Body.Close()
				m := tokenRe.FindSubmatch(page)
				if m == nil {
					return
				}
				body, _ := json.Marshal(map[string]any{"station": station, "kind": "experience", "rating": 1 + (c+i)%5, "lang": "en",
					"comment": fmt.Sprintf("client %d, visit %d", c, i), "token": html.UnescapeString(string(m[1])),
					"answers": map[string]any{"purpose": "fir", "staff_available": "yes", "staff_helped": "yes", "behaviour": 4, "problem_solved": "yes"}})
				res, err = http.Post(base+"/api/feedback", "application/json", bytes.NewReader(body))
				if err != nil {
					return
				}
				raw, _ := io.ReadAll(res.Body)
				res.Body.Close()
				var got struct{ Receipt string }
				if res.StatusCode != http.StatusOK || json.Unmarshal(raw, &got) != nil {
					t.Errorf("a post: %d %s", res.StatusCode, raw)
					return
				}
				mu.Lock()
				acked = append(acked, ack{got.Receipt, time.Now()})
				mu.Unlock()
			}
		})
	}
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		var h struct {
			Lag *float64 `json:"lag_seconds"`
		}
		if err := json.Unmarshal([]byte(call(t, http.MethodGet, base+"/api/health/replication", admin, "")), &h); err != nil || h.Lag == nil {
			t.Fatalf("a superuser reads no lag: %v", err)
		}
		maxLag = max(maxLag, *h.Lag)
	}
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killedAt = time.Now()
	close(stop)
	wg.Wait()
	_ = srv.Wait()
	return acked, maxLag, killedAt
}

// untracked serves a restored data folder (without replication) and returns the receipts that
// do not track there.
func untracked(t *testing.T, bin, dir string, acked []ack) (missing []ack) {
	t.Helper()
	_, base := startServe(t, bin, dir, nil)
	defer stopServe(t)
	for _, a := range acked {
		status, body := get(t, base+"/api/track/"+a.receipt)
		switch status {
		case http.StatusOK:
		case http.StatusNotFound:
			missing = append(missing, a)
		default:
			t.Fatalf("track %s: %d %s", a.receipt, status, body)
		}
	}
	return missing
}

// running is the server that stopServe stops.
var running struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
}

// startServe runs `serve` on dir with the extra environment; stopServe (or a kill) ends it.
func startServe(t *testing.T, bin, dir string, env []string) (*exec.Cmd, string) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := exec.CommandContext(ctx, bin, "serve", "--dir", dir, "--http", addr)
	srv.Env = append(slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, "ANUBHAV_REPLICA") }), env...)
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) }
	var logs strings.Builder
	srv.Stdout, srv.Stderr = io.Discard, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	running.cmd, running.cancel = srv, cancel
	t.Cleanup(cancel)
	base := "http://" + addr
	if !healthy(base) {
		t.Fatalf("%s did not become healthy within 30 s; the server said:\n%s", base, logs.String())
	}
	return srv, base
}

// stopServe stops the last server started, as the service manager does (SIGINT), and waits.
func stopServe(t *testing.T) {
	t.Helper()
	running.cancel()
	_ = running.cmd.Wait() // stopped by us: its exit status says nothing
}

func runEnv(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func superuserToken(t *testing.T, base string) string {
	t.Helper()
	var auth struct{ Token string }
	raw := call(t, http.MethodPost, base+"/api/collections/_superusers/auth-with-password", "",
		`{"identity":"root@replica.test","password":"replica-pass-123"}`)
	if err := json.Unmarshal([]byte(raw), &auth); err != nil || auth.Token == "" {
		t.Fatalf("superuser login: %v %s", err, raw)
	}
	return auth.Token
}

func firstStation(t *testing.T, base string) string {
	t.Helper()
	var list struct{ Items []struct{ Code string } }
	_, raw := get(t, base+"/api/collections/stations/records?filter=active=true&perPage=1")
	if err := json.Unmarshal([]byte(raw), &list); err != nil || len(list.Items) == 0 {
		t.Fatalf("no station: %v %s", err, raw)
	}
	return list.Items[0].Code
}

// call makes a request with a token and a JSON body, and fails the test on an error status.
func call(t *testing.T, method, url, token, body string) string {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %s", method, url, res.StatusCode, raw)
	}
	return string(raw)
}
