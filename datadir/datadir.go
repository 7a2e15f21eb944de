// Package datadir keeps the data folder readable by the service's own user only
// (DESIGN.md, "Privacy, by construction"): its databases hold what citizens wrote and their
// contacts, and it holds the receipt key and the backups, which hold the key too.
//
// Files are 0600 and folders 0700 (on unix; on Windows the folder's access list decides).
// Private makes it so for everything the process creates, whoever creates it (PocketBase,
// SQLite, the backup writer, our code); Tighten for what is there already.
package datadir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Private makes every file and folder that the process creates from now on private to its
// user (umask 0077 on unix; nothing elsewhere). Call it first thing in main.
func Private() { umask() }

// Tighten takes group and other access away from dir and everything in it, as made before
// Private was in force (an older install, a copy restored by hand). Symbolic links are left
// alone. A missing dir is no error.
func Tighten(dir string) error {
	if !unixModes {
		return nil
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink == 0 {
			var info fs.FileInfo
			if info, err = d.Info(); err == nil && info.Mode().Perm()&0o077 != 0 {
				err = os.Chmod(path, info.Mode().Perm()&^0o077)
			}
		}
		if errors.Is(err, fs.ErrNotExist) { // gone meanwhile (a database's -wal file), or no dir yet
			return nil
		}
		return err
	})
}
