package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"anubhav/datadir"
)

// bindDataDir takes group and other access away from what is already in the data folder,
// on every start. It runs once the databases are open, so their -wal and -shm files are
// included (SQLite gives a new one its database's mode); main makes new files private.
func bindDataDir(app core.App) {
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return datadir.Tighten(e.App.DataDir())
	})
}
