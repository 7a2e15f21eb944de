package commands

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/receipt"
)

// receiptKeyCommand is `receipt-key new --yes`: the one way to replace the receipt key, which
// `serve` never does on its own once receipts exist.
func receiptKeyCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "receipt-key",
		Short: "Makes a new receipt key (breaks every receipt already given)",
		Args:  cobra.NoArgs,
	}
	var yes bool
	newCmd := &cobra.Command{
		Use:   "new --yes",
		Short: "Makes a new receipt key; every receipt already given stops working",
		Long: "Makes a new receipt key in the data folder (" + receipt.KeyFile + "). Every receipt already\n" +
			"given to a citizen was made with the old key and stops working: citizens can no longer track\n" +
			"their items, and nobody can tell which receipt was whose. Restore a lost key from a backup\n" +
			"instead whenever one exists. A current key is kept beside the new one, so that putting it\n" +
			"back undoes the change. Restart `serve` afterwards.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			issued, err := receipt.Issued(app)
			if err != nil {
				return err
			}
			if !yes {
				return fmt.Errorf("not done: a new receipt key breaks every receipt already given (%d): citizens can no longer "+
					"track their items. Restore %s from a backup if one exists; to make a new key anyway, run again with --yes", issued, receipt.KeyFile)
			}
			kept, err := receipt.Replace(app, time.Now())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "made a new receipt key %s; the receipts given before (%d) no longer work.\n",
				filepath.Join(app.DataDir(), receipt.KeyFile), issued)
			if kept != "" {
				fmt.Fprintf(out, "The old key is kept as %s: put it back to undo.\n", kept)
			}
			fmt.Fprintln(out, "Restart `serve` if it is running, and back up the data folder now.")
			return nil
		},
	}
	newCmd.Flags().BoolVar(&yes, "yes", false, "confirm that every receipt already given stops working")
	cmd.AddCommand(newCmd)
	return cmd
}
