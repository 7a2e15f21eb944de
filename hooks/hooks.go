// Package hooks binds Anubhav's behaviour to PocketBase's events and routes. Each file binds
// one concern; the logic itself lives in the domain packages.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"
)

// Bind registers every hook and route of the appliance on app; public is the content of
// pb_public (embedded in the binary, read from disk in tests).
func Bind(app core.App, public fs.FS) {
	bindDataDir(app)
	bindAccounts(app)
	bindHierarchy(app)
	bindConfig(app)
	bindOfficers(app)
	bindCitizen(app)
	bindPosters(app, public)
	bindConsole(app)
	bindSite(app, public)
	bindRetention(app)
	bindDigest(app)
}
