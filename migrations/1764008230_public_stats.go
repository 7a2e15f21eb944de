package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A district may publish its monthly station results at /stats (package stats): a setting of
// its own, off for every district until its officers turn it on. The public pages are
// rate-limited per address as the citizen's form is.
func init() {
	const rule = "/stats/"

	m.Register(func(app core.App) error {
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		config.Fields.Add(&core.BoolField{Name: "public_stats", Hidden: true,
			Help: "Publish the district's monthly station results at /stats (stations with 10 responses or more)."})
		if err := app.Save(config); err != nil {
			return err
		}
		s := app.Settings()
		for _, r := range s.RateLimits.Rules {
			if r.Label == rule {
				return nil
			}
		}
		s.RateLimits.Rules = append(s.RateLimits.Rules, core.RateLimitRule{Label: rule, MaxRequests: 120, Duration: 60})
		return app.Save(s)
	}, func(app core.App) error {
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		config.Fields.RemoveByName("public_stats")
		if err := app.Save(config); err != nil {
			return err
		}
		s := app.Settings()
		kept := s.RateLimits.Rules[:0]
		for _, r := range s.RateLimits.Rules {
			if r.Label != rule {
				kept = append(kept, r)
			}
		}
		s.RateLimits.Rules = kept
		return app.Save(s)
	})
}
