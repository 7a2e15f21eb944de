package migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// No stray accounts (DESIGN.md, "Privacy, by construction"). PocketBase's default `users`
// collection let anyone sign up, upload files that were then served from the police's own
// address, and trigger mails; it goes, with its records and files. Login alerts keep
// md5(client address + user agent) of every new device in _authOrigins: off for every auth
// collection (hooks keep them off for any made later), and the fingerprints kept so far go.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		switch {
		case err == nil:
			if err := app.Delete(users); err != nil {
				return err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}

		auths, err := app.FindAllCollections(core.CollectionTypeAuth)
		if err != nil {
			return err
		}
		for _, c := range auths {
			if c.AuthAlert.Enabled {
				c.AuthAlert.Enabled = false
				if err := app.Save(c); err != nil {
					return err
				}
			}
		}
		_, err = app.DB().NewQuery("DELETE FROM {{" + core.CollectionNameAuthOrigins + "}}").Execute()
		return err
	}, nil)
}
