package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `anubhav --version` of a binary built with the version in its ldflags, as
// scripts/release.sh builds it, but without the commit: that then comes from what the Go
// toolchain stamped from git (asked for explicitly: a GOFLAGS=-buildvcs=false would drop it).
func TestVersionFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	commit := "unknown"
	vcs := "-buildvcs=auto"
	if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		commit, vcs = strings.TrimSpace(string(head)), "-buildvcs=true"
	}
	bin := filepath.Join(t.TempDir(), "anubhav")
	build := exec.Command("go", "build", vcs, "-ldflags", "-X anubhav/version.Version=9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	got := strings.TrimSpace(string(out))
	want := "anubhav version 9.8.7-test (commit " + commit
	// "-modified" follows the commit while the tree has uncommitted changes
	if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, ", PocketBase v0.40.4)") {
		t.Errorf("--version said %q, want %q… with PocketBase v0.40.4", got, want)
	}
}
