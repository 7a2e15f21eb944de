package hooks

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/adminmail"
	"anubhav/replicate"
)

// bindReplicate replicates the database while the server runs, when the system administrator
// has configured a replica (replicate.FromEnv), and tells the administrators by mail when the
// replica falls behind or the nightly backup fails. A wrong configuration stops serve: the
// administrator who set it is at the console then. Backups leave out Litestream's staging.
func bindReplicate(app core.App) {
	var running *replicate.Replicator
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		cfg, err := replicate.FromEnv(os.Getenv)
		if errors.Is(err, replicate.ErrOff) {
			return se.Next()
		} else if err != nil {
			return err
		}
		running, err = replicate.Start(context.Background(), cfg, se.App.DataDir(), se.App.Logger(), func(since time.Time) {
			se.App.Logger().Error("Replication is behind", "since", since.UTC().Format(time.RFC3339), "replica", cfg.String())
			if err := adminmail.Replication(se.App, since); err != nil {
				se.App.Logger().Error("Replication mail not queued", "error", err.Error())
			}
		})
		if err != nil {
			return err
		}
		replicate.Register(se.App, running)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		if running != nil {
			// ships what the replica still lacks before the process ends
			if err := running.Close(context.Background()); err != nil {
				e.App.Logger().Error("Replication stopped with changes not shipped", "error", err.Error())
			}
		}
		return e.Next()
	})
	app.OnBackupCreate().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, replicate.StagingDir)
		err := e.Next()
		// PocketBase names the nightly backups so; one made in the dashboard shows its own error
		if err != nil && strings.HasPrefix(e.Name, "@auto_pb_backup_") {
			if qErr := adminmail.Backup(e.App, e.Name); qErr != nil {
				e.App.Logger().Error("Backup mail not queued", "error", qErr.Error())
			}
		}
		return err
	})
}
