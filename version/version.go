// Package version says which build of the appliance is running, for `anubhav --version`
// and for whoever supports a district's installation.
package version

import (
	"runtime/debug"
	"strings"
)

// Version and Commit are set by the release build (scripts/release.sh):
//
//	-ldflags "-X anubhav/version.Version=1.2.0 -X anubhav/version.Commit=<git commit>"
//
// A build without them falls back to what the Go toolchain stamped from git.
var (
	Version string
	Commit  string
)

// String is the version, the commit and the PocketBase it is built on, e.g.
// "1.2.0 (commit 1a2b…, PocketBase v0.40.4)"; "dev" and "unknown" where the build did not say.
func String() string {
	info, _ := debug.ReadBuildInfo()
	return describe(Version, Commit, info)
}

func describe(version, commit string, info *debug.BuildInfo) string {
	if version == "" {
		version = "dev"
	}
	if commit == "" {
		commit = vcsCommit(info)
	}
	var b strings.Builder
	b.WriteString(version + " (commit " + commit)
	if pb := pocketBase(info); pb != "" {
		b.WriteString(", PocketBase " + pb)
	}
	b.WriteString(")")
	return b.String()
}

// vcsCommit is the revision `go build` stamped from git, marked "-modified" when the tree had
// uncommitted changes; "unknown" outside a checkout (or with -buildvcs=false).
func vcsCommit(info *debug.BuildInfo) string {
	if info == nil {
		return "unknown"
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision == "" {
		return "unknown"
	}
	if modified == "true" {
		revision += "-modified"
	}
	return revision
}

func pocketBase(info *debug.BuildInfo) string {
	if info == nil {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/pocketbase/pocketbase" {
			return d.Version
		}
	}
	return ""
}
