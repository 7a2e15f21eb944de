package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The dashboard's rollups (package rollups): counters per unit (a station or an area), per
// local day, kind and channel, and counts per unit, day, kind, measure and value (answers,
// duration histograms, text answers). Officers read them through
// /api/console/dashboard and its scope, never through the record API (they are plain tables). An item's contribution is a function of its own row,
// so the item's first review, action and public reply are kept on it, backfilled here from
// the follow-ups. The rollups themselves are filled by `anubhav rollups rebuild`, or at the
// next start when they are empty (hooks/rollups.go).
func init() {
	m.Register(func(app core.App) error {
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		feedback.Fields.Add(
			&core.DateField{Name: "reviewed_at", Help: "The first status change after arrival."},
			&core.DateField{Name: "acted_at", Help: "The first action taken, closing or marking as spam."},
			&core.DateField{Name: "replied_at", Help: "The first public reply."},
		)
		if err := app.Save(feedback); err != nil {
			return err
		}
		backfill := []string{
			`UPDATE feedback SET reviewed_at = COALESCE((SELECT MIN(created) FROM followups
			   WHERE followups.feedback = feedback.id AND to_status NOT IN ('', 'new')), '')`,
			`UPDATE feedback SET acted_at = COALESCE((SELECT MIN(created) FROM followups
			   WHERE followups.feedback = feedback.id AND to_status IN ('action_taken', 'closed', 'spam')), '')`,
			`UPDATE feedback SET replied_at = COALESCE((SELECT MIN(created) FROM followups
			   WHERE followups.feedback = feedback.id AND kind = 'reply' AND public = TRUE), '')`,
		}
		for _, q := range backfill {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}

		// Plain tables, not collections: clustered by their key (WITHOUT ROWID), so a scope's
		// days are read in order from one B-tree and a change writes one row in one B-tree.
		// The record API does not know them; only the appliance's code reads them.
		tables := []string{
			`CREATE TABLE rollups (unit TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL,
			   items INTEGER NOT NULL DEFAULT 0, spam INTEGER NOT NULL DEFAULT 0, rated INTEGER NOT NULL DEFAULT 0,
			   rating_sum INTEGER NOT NULL DEFAULT 0, negative INTEGER NOT NULL DEFAULT 0,
			   status_new INTEGER NOT NULL DEFAULT 0, status_review INTEGER NOT NULL DEFAULT 0,
			   PRIMARY KEY (unit, day, kind, channel)) WITHOUT ROWID`,
			`CREATE TABLE rollup_counts (unit TEXT NOT NULL, measure TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL,
			   value TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,
			   PRIMARY KEY (unit, measure, day, kind, value)) WITHOUT ROWID`,
		}
		for _, q := range tables {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, q := range []string{"DROP TABLE rollup_counts", "DROP TABLE rollups"} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		for _, f := range []string{"reviewed_at", "acted_at", "replied_at"} {
			feedback.Fields.RemoveByName(f)
		}
		return app.Save(feedback)
	})
}
