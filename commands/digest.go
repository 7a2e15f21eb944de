package commands

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/outbox"
)

// digestCommand is `digest --date YYYY-MM-DD [--officer EMAIL] [--send]`.
func digestCommand(app core.App) *cobra.Command {
	var date, officer string
	var send bool
	cmd := &cobra.Command{
		Use:   "digest --date YYYY-MM-DD [--officer EMAIL] [--send]",
		Short: "Prints, or with --send sends, the daily digest of a day",
		Long: "Prints the daily digest of a day (default: yesterday, in the district's time zone) for every\n" +
			"officer with the digest on, or for one officer. With --send it mails it through the SMTP server\n" +
			"of the settings; a digest already sent for that day and officer is never sent again, and one\n" +
			"that failed is tried again.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := appconfig.Get(app)
			if err != nil {
				return err
			}
			now := time.Now()
			day := digest.Yesterday(now, cfg.Location)
			if date != "" {
				if day, err = digest.DayOf(date, cfg.Location); err != nil {
					return err
				}
			}
			officers, err := digest.Recipients(app, officer)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if !send {
				for _, o := range officers {
					mail, err := digest.Mail(app, o, day, now)
					if err != nil {
						return fmt.Errorf("digest of %s: %w", o.Email(), err)
					}
					fmt.Fprintf(out, "To: %s <%s>\nSubject: %s\n\n%s\n\n", mail.Name, mail.To, mail.Subject, mail.Text)
				}
				return nil
			}
			box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Digest: digest.Delivery()}})
			outcomes, err := digest.Send(cmd.Context(), app, box, day, officers, now)
			if err != nil {
				return err
			}
			failed := 0
			for _, o := range outcomes {
				switch {
				case o.Err != nil:
					failed++
					fmt.Fprintf(out, "%s: %s: %v\n", o.Email, o.Status, o.Err)
				case o.Status == digest.Skipped:
					fmt.Fprintf(out, "%s: already sent for %s (or being sent); not sent again\n", o.Email, day.Date)
				default:
					fmt.Fprintf(out, "%s: %s\n", o.Email, o.Status)
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d digests for %s not sent; see above", failed, len(outcomes), day.Date)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the day, YYYY-MM-DD (default: yesterday)")
	cmd.Flags().StringVar(&officer, "officer", "", "only this officer's digest (their email)")
	cmd.Flags().BoolVar(&send, "send", false, "send it (once per day and officer) instead of printing it")
	return cmd
}
