package service

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const unitFile = "../deploy/anubhav.service"

// The Linux unit keeps its hardening: each key a district's service depends on, with its value.
func TestUnitIsHardened(t *testing.T) {
	service := unitSection(t, "Service")
	for key, want := range map[string]string{
		"User":                    "anubhav",
		"UMask":                   "0077",
		"StateDirectoryMode":      "0700",
		"ProtectSystem":           "strict",
		"ReadWritePaths":          "/var/lib/anubhav",
		"ProtectHome":             "true",
		"NoNewPrivileges":         "true",
		"PrivateTmp":              "true",
		"PrivateDevices":          "true",
		"ProtectKernelTunables":   "true",
		"ProtectKernelModules":    "true",
		"ProtectControlGroups":    "true",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
		"RestrictNamespaces":      "true",
		"LockPersonality":         "true",
		"MemoryDenyWriteExecute":  "true",
		"SystemCallArchitectures": "native",
		"CapabilityBoundingSet":   "CAP_NET_BIND_SERVICE",
		"AmbientCapabilities":     "CAP_NET_BIND_SERVICE",
	} {
		if got, ok := service[key]; !ok || got != want {
			t.Errorf("[Service] %s=%q, want %q", key, got, want)
		}
	}
	// the data folder it may write is the one it serves from
	if start := service["ExecStart"]; !strings.Contains(start, "--dir=/var/lib/anubhav") {
		t.Errorf("ExecStart=%q does not serve /var/lib/anubhav", start)
	}
}

// systemd's own check of the unit: a misspelt key or a bad value is only a warning to systemd,
// so any output fails. The binary is not installed here: `true` stands in for it.
func TestUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed")
	}
	stand, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no `true` to stand in for the binary")
	}
	unit, err := os.ReadFile(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "anubhav.service")
	text := strings.ReplaceAll(string(unit), "ExecStart=/usr/local/bin/anubhav ", "ExecStart="+stand+" ")
	if err := os.WriteFile(copied, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", copied).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// unitSection reads one section of the unit as key=value pairs (the unit sets each key once).
func unitSection(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]string{}
	var section string
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
		case section == name:
			key, value, _ := strings.Cut(line, "=")
			if _, twice := keys[key]; twice {
				t.Errorf("[%s] %s set twice", name, key)
			}
			keys[key] = value
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}
