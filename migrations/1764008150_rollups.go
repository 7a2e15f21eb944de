package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The dashboard's rollups (package rollups): counters per unit (a station or an area), per
// local day, kind and channel, and counts per unit, day, kind, measure and value (answers,
// duration histograms, text answers). Superusers only: officers read them through
// /api/console/dashboard and its scope. An item's contribution is a function of its own row,
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

		counters := core.NewBaseCollection("rollups")
		counters.Fields.Add(
			&core.TextField{Name: "unit", Required: true, Max: 30},
			&core.TextField{Name: "day", Required: true, Max: 10},
			&core.TextField{Name: "kind", Required: true, Max: 20},
			&core.TextField{Name: "channel", Required: true, Max: 20},
		)
		for _, n := range []string{"items", "spam", "rated", "rating_sum", "negative", "status_new", "status_review"} {
			counters.Fields.Add(&core.NumberField{Name: n, OnlyInt: true})
		}
		counters.AddIndex("idx_rollups_key", true, "unit, day, kind, channel", "")
		if err := app.Save(counters); err != nil {
			return err
		}

		counts := core.NewBaseCollection("rollup_counts")
		counts.Fields.Add(
			&core.TextField{Name: "unit", Required: true, Max: 30},
			&core.TextField{Name: "measure", Required: true, Max: 60},
			&core.TextField{Name: "day", Required: true, Max: 10},
			&core.TextField{Name: "kind", Required: true, Max: 20},
			&core.TextField{Name: "value", Max: 200},
			&core.NumberField{Name: "n", OnlyInt: true},
		)
		counts.AddIndex("idx_rollup_counts_key", true, "unit, measure, day, kind, value", "")
		return app.Save(counts)
	}, func(app core.App) error {
		for _, name := range []string{"rollup_counts", "rollups"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
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
