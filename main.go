// Anubhav: citizen feedback for a police district, as one PocketBase binary.
package main

import (
	"embed"
	"io/fs"
	"log"
	"os"
	_ "time/tzdata" // Asia/Kolkata on any machine, Windows included

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/osutils"

	"anubhav/commands"
	"anubhav/datadir"
	"anubhav/hooks"
	_ "anubhav/migrations"
	"anubhav/service"
	"anubhav/version"
)

//go:embed all:pb_public
var embedded embed.FS

func main() {
	// Before anything is written: the data folder is the service user's alone.
	datadir.Private()
	// restore makes a new data folder, before PocketBase would prepare one of its own
	if len(os.Args) > 1 && os.Args[1] == "restore" {
		if err := commands.RunRestore(os.Args[2:]); err != nil {
			log.Fatal(err)
		}
		return
	}
	app := pocketbase.New()
	app.RootCmd.Version = version.String()

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		// Collections changed in the dashboard become migration files only for a developer
		// working from source, never on a district's machine.
		Automigrate: osutils.IsProbablyGoRun(),
	})

	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	hooks.Bind(app, public)
	app.RootCmd.AddCommand(commands.All(app)...)

	// Windows' Service Control Manager needs answers that a console program does not give.
	if err := service.Run(app, app.Start); err != nil {
		log.Fatal(err)
	}
}
