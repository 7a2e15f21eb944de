package commands

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/report"
	"anubhav/words"
)

// reportCommand is `report --month YYYY-MM --area CODE --out DIR [--lang hi|en]`.
func reportCommand(app core.App) *cobra.Command {
	var month, area, out, lang string
	cmd := &cobra.Command{
		Use:   "report --month YYYY-MM --area CODE --out DIR",
		Short: "Writes the monthly printable report of an area and of each of its stations",
		Long: "Writes the monthly report of an area (a range, district or sub-division) as CODE.html, and the\n" +
			"report of each station under it as STATION.html (as the station's own officer sees it: no\n" +
			"complaints or tip-offs, so it may be handed to the station), into DIR. Where Chromium is\n" +
			"installed each is printed to CODE.pdf too; otherwise open an .html file in a browser and print\n" +
			"it on A4. The files need nothing else: the fonts are inside them.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !words.Has(lang) {
				return fmt.Errorf("--lang %s: no catalog has this language (have %v)", lang, words.Langs())
			}
			dir, err := filepath.Abs(out)
			if err != nil {
				return fmt.Errorf("--out %s: %w", out, err)
			}
			files, err := report.WriteArea(cmd.Context(), app, area, month, lang, dir, cmd.ErrOrStderr())
			switch {
			case errors.Is(err, report.ErrNoArea):
				return fmt.Errorf("--area %s: %w", area, err)
			case report.MonthProblem(err) != "":
				return fmt.Errorf("--month %s: %s", month, report.MonthProblem(err))
			case err != nil:
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d reports (%d PDFs) to %s\n", len(files.HTML), len(files.PDF), dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "the month, YYYY-MM (required)")
	cmd.Flags().StringVar(&area, "area", "", "code of the range, district or sub-division (required)")
	cmd.Flags().StringVar(&out, "out", "", "folder to write into; made if missing (required)")
	cmd.Flags().StringVar(&lang, "lang", words.Hindi, "language of the reports: hi or en")
	_ = cmd.MarkFlagRequired("month")
	_ = cmd.MarkFlagRequired("area")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
