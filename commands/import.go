package commands

import (
	"fmt"
	"io"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/importer"
	"anubhav/progress"
)

// importCommand is `import areas FILE.csv` and `import stations FILE.csv`.
func importCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Adds or updates areas or stations from a CSV file (by code)",
		Long: "Adds or updates areas or stations from a CSV file, matched by code. The whole file is checked first:\n" +
			"if any row is wrong, every problem is listed with its line and field and nothing is imported.",
	}
	cmd.AddCommand(
		importFileCommand(app, "areas", "code,name,name_hi,kind,parent", importer.Areas),
		importFileCommand(app, "stations", "code,name,name_hi,kind,area,address[,active]", importer.Stations),
	)
	return cmd
}

func importFileCommand(app core.App, what, columns string,
	run func(core.App, io.ReadSeeker, progress.Func) (importer.Summary, error)) *cobra.Command {
	return &cobra.Command{
		Use:   what + " FILE.csv",
		Short: "Adds or updates " + what + " from a CSV file with the header " + columns,
		Args:  cobra.ExactArgs(1),
		// A bad file is the user's to fix: the problems say how; the usage text would bury them.
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Like serve, bring a new or older data dir up to date first: an import is often
			// the first thing done on a new machine.
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			sum, err := run(app, f, progress.Counting(os.Stderr, "importing "+what, "rows"))
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %s: %s\n", args[0], what, sum)
			return nil
		},
	}
}
