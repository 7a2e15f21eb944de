package testapp

import "github.com/pocketbase/pocketbase/core"

// Migrate runs every migration on a new data folder, as serve does on a fresh install, but
// without PocketBase's clean-up of a deleted collection's files. That clean-up runs in a
// goroutine of its own and reads the settings, which a later migration saves: migration
// 1764006100 deletes the "users" collection and 1764008230 saves the rate limits, so the race
// detector failed every test binary. A new test folder has no files to clean up.
func Migrate(app core.App) error {
	app.OnModelAfterDeleteSuccess().Unbind("__pbFilesManagerDelete__")
	return app.RunAllMigrations()
}
