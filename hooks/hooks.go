// Package hooks binds Anubhav's behaviour to PocketBase's events and routes: routes.go is the
// one table of routes, each other file binds one concern's events; the logic and the HTTP
// handlers live in the domain packages.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"
)

// Bind registers every hook and route of the appliance on app; public is the content of
// pb_public (embedded in the binary, read from disk in tests).
func Bind(app core.App, public fs.FS) {
	bindDataDir(app)
	bindWords(app)
	bindAccounts(app)
	bindHierarchy(app)
	bindConfig(app)
	bindOfficers(app)
	bindCitizen(app)
	bindRollups(app)
	bindRoutes(app, public)
	bindPosters(app, public)
	bindRetention(app)
	bindOutbox(app)
	bindReplicate(app)
}
