package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/receipt"
	"anubhav/replicate"
)

// configure is the help both commands give on where the replica is set.
const configure = "The replica is set by the system administrator in the service's environment:\n" +
	"  " + replicate.EnvReplica + "    a folder (an absolute path: a second disk, a NAS mount) or s3://bucket/path\n" +
	"  " + replicate.EnvEndpoint + "    for S3-compatible storage other than Amazon's, its URL\n" +
	"  " + replicate.EnvRegion + "    the region (default us-east-1)\n" +
	"  " + replicate.EnvKeyID + ", " + replicate.EnvSecret + "    the access key\n" +
	"  " + replicate.EnvPathStyle + "    true|false (default true when an endpoint is set)\n" +
	"  " + replicate.EnvInterval + "    how often changes are shipped (default 1s)\n" +
	"`serve` replicates while it runs whenever " + replicate.EnvReplica + " is set."

// replicateCommand is `replicate`: what the replica holds, and whether it has what this data
// folder has staged for it. Replication itself runs inside `serve`.
func replicateCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "replicate",
		Short: "Shows where the database is replicated, how far the replica has got and how far back it can restore",
		Long: "Shows where the database is replicated (Litestream, inside `serve`), the newest change the replica\n" +
			"holds, how far back a restore can go, and whether the replica has every change this data folder\n" +
			"has prepared for it. While `serve` runs, GET /api/health/replication says whether the replica keeps\n" +
			"up (a superuser also reads the lag in seconds).\n\n" + configure,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := replicate.FromEnv(os.Getenv)
			if err != nil {
				return err
			}
			info, err := replicate.Inspect(cmd.Context(), cfg, app.DataDir())
			if err != nil {
				return err
			}
			return printReplica(cmd.OutOrStdout(), info, time.Now())
		},
	}
}

func printReplica(w io.Writer, r replicate.Replica, now time.Time) error {
	fmt.Fprintf(w, "replica: %s\n", r.Where)
	if r.Newest.IsZero() {
		_, err := fmt.Fprintln(w, "it holds nothing yet: start `serve`, which replicates while it runs.")
		return err
	}
	fmt.Fprintf(w, "newest change: %s (%s ago)\n", r.Newest.Local().Format(time.RFC3339), now.Sub(r.Newest).Round(time.Second))
	fmt.Fprintf(w, "a restore can go back to any moment since %s\n", r.Oldest.Local().Format(time.RFC3339))
	switch {
	case r.Staged == 0:
		fmt.Fprintln(w, "this data folder has prepared nothing for it (a new machine, or `serve` never replicated here).")
	case r.TXID >= r.Staged:
		fmt.Fprintf(w, "in step: the replica holds every change this data folder has prepared (transaction %d).\n", r.Staged)
	default:
		fmt.Fprintf(w, "behind: the replica holds up to transaction %d, this data folder has prepared %d.\n", r.TXID, r.Staged)
	}
	return nil
}

// Restore is `restore --to DIR [--timestamp T] [--receipt-key FILE]`. main runs it before
// PocketBase prepares any data folder: it makes a new one, and the folder of --dir may be the
// very one it is asked to make.
func Restore() *cobra.Command {
	var to, at, key string
	cmd := &cobra.Command{
		Use:   "restore --to DIR [--timestamp T] [--receipt-key FILE]",
		Short: "Restores the database from the replica into a new data folder",
		Long: "Restores PocketBase's database (data.db) from the replica into DIR, a new data folder (missing or\n" +
			"empty: a restore never writes over a data folder), as it was at --timestamp (RFC 3339, e.g.\n" +
			"2026-12-04T09:30:00+05:30) or, without it, as the newest change the replica holds. Then start\n" +
			"`serve --dir DIR`.\n\n" +
			"The receipt key (" + receipt.KeyFile + ") is not in the database, nor in the replica: give the copy kept\n" +
			"apart with --receipt-key, or copy it into DIR before `serve`, which refuses to start without it.\n\n" +
			configure,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if to == "" {
				return errors.New("say where to restore: --to DIR, a new folder")
			}
			var when time.Time
			if at != "" {
				t, err := time.Parse(time.RFC3339, at)
				if err != nil {
					return fmt.Errorf("--timestamp %q: give it as 2026-12-04T09:30:00+05:30", at)
				}
				when = t
			}
			cfg, err := replicate.FromEnv(os.Getenv)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			start := time.Now()
			from, err := replicate.Restore(cmd.Context(), cfg, to, when)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "restored %s into %s, as it was at %s, in %s.\n", cfg, filepath.Join(to, replicate.DBFile),
				from.Local().Format(time.RFC3339), time.Since(start).Round(time.Millisecond))
			if key == "" {
				fmt.Fprintf(out, "Now copy the receipt key %s kept apart (or from a backup zip of the old data folder) into %s;\n"+
					"without it `serve` refuses to start, and citizens could not track their items. Then run `serve --dir %s`.\n",
					receipt.KeyFile, to, to)
				return nil
			}
			if err := copyKey(key, filepath.Join(to, receipt.KeyFile)); err != nil {
				return err
			}
			fmt.Fprintf(out, "copied the receipt key into %s. Run `serve --dir %s`.\n", to, to)
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "the new data folder (missing or empty)")
	cmd.Flags().StringVar(&at, "timestamp", "", "the moment to restore, RFC 3339 (default: the newest)")
	cmd.Flags().StringVar(&key, "receipt-key", "", "the receipt key file kept apart, copied into the new folder")
	return cmd
}

// RunRestore runs `restore` with its arguments, outside PocketBase.
func RunRestore(args []string) error {
	cmd := Restore()
	cmd.SetArgs(args)
	return cmd.ExecuteContext(context.Background())
}

// copyKey copies the receipt key, readable by the service's user only.
func copyKey(from, to string) error {
	key, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("the receipt key: %w", err)
	}
	return os.WriteFile(to, key, 0o600)
}
