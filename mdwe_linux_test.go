package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// The systemd unit sets MemoryDenyWriteExecute: no memory both writable and executable. The
// kernel's own form of it (prctl PR_SET_MDWE, Linux 6.3+, kept across exec) is set on a helper
// process, which then becomes the binary: a runtime that made code at run time would fail.
// The binary seeds the demo and serves pages, as a district's would.
func TestServesUnderMemoryDenyWriteExecute(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, err := underMDWE(t, context.Background(), bin, "demo", "--dir", dir).CombinedOutput(); err != nil {
		t.Fatalf("demo under MDWE: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := underMDWE(t, ctx, bin, "serve", "--dir", dir, "--http", addr)
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) }
	var logs strings.Builder
	srv.Stdout, srv.Stderr = io.Discard, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = srv.Wait()
	}()
	base := "http://" + addr
	if !healthy(base) {
		t.Fatalf("serve under MDWE did not become healthy; it said:\n%s", logs.String())
	}
	if status, body := get(t, base+"/s/drg-supela"); status != 200 || !strings.Contains(body, "सुपेला") {
		t.Errorf("GET /s/drg-supela under MDWE: %d, body starts %.200q", status, body)
	}
}

// underMDWE is a command that runs this test binary's helper, which sets PR_SET_MDWE on
// itself and then execs the binary with args. A kernel without PR_SET_MDWE skips the test.
func underMDWE(t *testing.T, ctx context.Context, bin string, args ...string) *exec.Cmd {
	t.Helper()
	probe := exec.Command(os.Args[0], "-test.run=^TestMDWEHelper$")
	probe.Env = append(os.Environ(), "ANUBHAV_MDWE_EXEC=true")
	if err := probe.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 3 {
			t.Skip("this kernel has no prctl PR_SET_MDWE (Linux 6.3+)")
		}
		t.Fatalf("MDWE probe: %v", err)
	}
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestMDWEHelper$")
	cmd.Env = append(os.Environ(), "ANUBHAV_MDWE_EXEC="+strings.Join(append([]string{bin}, args...), "\x1f"))
	return cmd
}

// TestMDWEHelper is not a test: underMDWE runs it as the helper process.
func TestMDWEHelper(t *testing.T) {
	command := os.Getenv("ANUBHAV_MDWE_EXEC")
	if command == "" {
		t.Skip("the helper of TestServesUnderMemoryDenyWriteExecute")
	}
	if err := unix.Prctl(unix.PR_SET_MDWE, unix.PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0); err != nil {
		os.Exit(3)
	}
	args := strings.Split(command, "\x1f")
	if args[0] == "true" {
		os.Exit(0)
	}
	path, err := exec.LookPath(args[0])
	if err != nil {
		os.Exit(4)
	}
	env := os.Environ()
	err = syscall.Exec(path, args, env)
	t.Fatalf("exec %s: %v", path, err) // Exec returns only on failure
}
