package pages

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"sync/atomic"
)

// versions holds a short hash of every embedded pb_public file by its URL path ("/assets/site.css").
// The pages link the citizen's CSS and JS as "?v=<hash>", so that a phone may keep them for a
// year and a new release, which changes the hash, is fetched at once (docs/PERFORMANCE.md).
var versions atomic.Pointer[map[string]string]

// UseFiles hashes the public files once, when the app is bound.
func UseFiles(public fs.FS) error {
	m := map[string]string{}
	err := fs.WalkDir(public, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(public, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m["/"+p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return err
	}
	versions.Store(&m)
	return nil
}

// Version is the hash of a public file's content by its URL path, "" if unknown.
func Version(path string) string {
	if m := versions.Load(); m != nil {
		return (*m)[path]
	}
	return ""
}

// Asset is a public file's URL with its content's version, for the templates.
func Asset(path string) string {
	if v := Version(path); v != "" {
		return path + "?v=" + v
	}
	return path
}
