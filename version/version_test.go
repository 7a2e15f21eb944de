package version

import (
	"runtime/debug"
	"testing"
)

// The built binary's `--version` (ldflags and the git fallback) is tested in the main
// package; here, each source of the answer on its own.
func TestDescribe(t *testing.T) {
	stamped := &debug.BuildInfo{
		Deps: []*debug.Module{{Path: "github.com/pocketbase/pocketbase", Version: "v0.40.4"}},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.modified", Value: "false"},
		},
	}
	edited := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "89abcdef"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		name, version, commit string
		info                  *debug.BuildInfo
		want                  string
	}{
		{"release", "1.2.0", "feedc0de", stamped, "1.2.0 (commit feedc0de, PocketBase v0.40.4)"},
		{"git fallback", "", "", stamped, "dev (commit 0123456789abcdef0123456789abcdef01234567, PocketBase v0.40.4)"},
		{"uncommitted changes", "1.2.0", "", edited, "1.2.0 (commit 89abcdef-modified)"},
		{"nothing known", "", "", &debug.BuildInfo{}, "dev (commit unknown)"},
		{"no build info", "", "", nil, "dev (commit unknown)"},
	} {
		if got := describe(c.version, c.commit, c.info); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
