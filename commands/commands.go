// Package commands holds Anubhav's own command-line commands (next to PocketBase's serve,
// superuser and migrate). Each command parses its flags and calls a domain package.
package commands

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// All returns every command of the appliance.
func All(app core.App) []*cobra.Command {
	return []*cobra.Command{
		demoCommand(app),
		importCommand(app),
		postersCommand(app),
		reportCommand(app),
		digestCommand(app),
		receiptKeyCommand(app),
		smsGatewayCommand(app),
		rollupsCommand(app),
		replicateCommand(app),
		Restore(),
	}
}
