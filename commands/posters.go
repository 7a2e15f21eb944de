package commands

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/poster"
	"anubhav/progress"
	"anubhav/words"
)

// postersCommand is `posters --area CODE --out DIR [--paper a4|a5]`.
func postersCommand(app core.App) *cobra.Command {
	var area, out, paper string
	cmd := &cobra.Command{
		Use:   "posters --area CODE --out DIR",
		Short: "Writes the QR codes (PNG, SVG) and printable posters of an area's active stations",
		Long: "Writes, for every active station of an area (a range, district or sub-division), its QR code as\n" +
			"CODE.png and CODE.svg, its poster as CODE.html, and every poster in posters.html (one a page),\n" +
			"with the fonts they need in DIR/fonts. Open an .html file in a browser and print it (A4 or A5,\n" +
			"margins none or default, scale 100%).",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := poster.ParsePaper(paper)
			if err != nil {
				return err
			}
			dir, err := filepath.Abs(out)
			if err != nil {
				return err
			}
			n, err := poster.WriteArea(app, area, p, dir, progress.For(os.Stderr, "writing posters"))
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d posters to %s\n", n, dir)
			if key := poster.AppURLProblem(app.Settings().Meta.AppURL); key != "" {
				// printed posters are the costly mistake: say it where the command is run
				fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+words.T(words.English, key, "url", app.Settings().Meta.AppURL))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&area, "area", "", "code of the range, district or sub-division (required)")
	cmd.Flags().StringVar(&out, "out", "", "folder to write into; made if missing (required)")
	cmd.Flags().StringVar(&paper, "paper", poster.A4, "paper size: a4, or a5 for a table stand")
	_ = cmd.MarkFlagRequired("area")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
