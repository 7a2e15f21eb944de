package commands

import (
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/demo"
	"anubhav/progress"
)

// demoCommand is `demo`: it seeds the Durg range demo and prints its logins.
func demoCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Seeds a demo range (Durg) with officers and feedback, and prints the demo logins",
		Long: "Seeds the areas and stations of the Durg range, demo officers of every role, a dashboard\n" +
			"superuser and some hundreds of feedback items of the last 60 days, then prints the logins.\n" +
			"Running it again changes nothing; feedback is added only to a database that has none.",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Like serve, bring a new or older data dir up to date first.
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			res, err := demo.Seed(app, progress.For(os.Stderr, "demo feedback"))
			if err != nil {
				return err
			}
			res.Print(cmd.OutOrStdout())
			return nil
		},
	}
}
