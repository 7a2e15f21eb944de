package commands

import (
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/progress"
	"anubhav/rollups"
)

// rollupsCommand is `rollups rebuild`: recomputes the dashboard's rollups from the items, for
// a deployment whose time zone changed or whose items were changed outside the appliance.
func rollupsCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rollups",
		Short: "The dashboard's counters",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "rebuild",
		Short: "Recomputes the dashboard's counters from the items",
		Long: "Recomputes the dashboard's counters (the rollups and rollup_counts tables) from every\n" +
			"item, in one transaction. Every change of an item keeps them in step by itself; rebuild them\n" +
			"after changing the deployment's time zone (days are counted in it) or the items outside the\n" +
			"appliance. Safe to run while `serve` runs: the counters change at once when it ends.",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := rollups.Rebuild(app, progress.For(os.Stderr, "rebuilding the rollups")); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "the dashboard's rollups are rebuilt.")
			return nil
		},
	})
	return cmd
}
