package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// bindAccounts keeps PocketBase from writing a fingerprint of a client address. Its login
// alert (apis.authAlert, the only writer of _authOrigins) stores md5(client address + user
// agent) for each new device of an account, whenever the account's collection has authAlert
// enabled, which PocketBase's default is. So the alert stays off for every auth collection,
// also one made or changed later in the dashboard, and no auth origin is saved at all.
func bindAccounts(app core.App) {
	alertOff := func(e *core.CollectionEvent) error {
		if e.Collection.IsAuth() {
			e.Collection.AuthAlert.Enabled = false
		}
		return e.Next()
	}
	app.OnCollectionCreate().BindFunc(alertOff)
	app.OnCollectionUpdate().BindFunc(alertOff)
	app.OnRecordCreate(core.CollectionNameAuthOrigins).BindFunc(func(e *core.RecordEvent) error {
		return errors.New("auth origins are not kept: they hold a fingerprint of the client's address")
	})
}
