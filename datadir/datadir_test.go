package datadir_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"anubhav/datadir"
)

func TestTightenTakesAwayGroupAndOtherAccess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "backups")
	outside := filepath.Join(t.TempDir(), "outside")
	// in this order: the folder before the file in it
	for _, f := range []struct {
		path string
		mode fs.FileMode
	}{{sub, 0o755 | fs.ModeDir}, {filepath.Join(dir, "data.db"), 0o644}, {filepath.Join(sub, "b.zip"), 0o640},
		{filepath.Join(dir, "own"), 0o400}, {outside, 0o644}} {
		path, mode := f.path, f.mode
		if mode.IsDir() {
			if err := os.Mkdir(path, mode.Perm()); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(path, nil, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode.Perm()); err != nil { // whatever the test's umask
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)

	if err := datadir.Tighten(dir); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]fs.FileMode{dir: 0o700, sub: 0o700, filepath.Join(dir, "data.db"): 0o600,
		filepath.Join(sub, "b.zip"): 0o600, filepath.Join(dir, "own"): 0o400, outside: 0o644} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: %v, want %v", path, info.Mode().Perm(), want)
		}
	}
	if err := datadir.Tighten(filepath.Join(dir, "none")); err != nil {
		t.Errorf("a missing dir: %v", err)
	}
}
