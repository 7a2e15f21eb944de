package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The /track page looks a receipt up by a form post; it is rate-limited like
// GET /api/track/{receipt}, so that nobody can try receipt numbers in bulk.
func init() {
	const trackPageRule = "POST /track"

	m.Register(func(app core.App) error {
		s := app.Settings()
		for _, r := range s.RateLimits.Rules {
			if r.Label == trackPageRule {
				return nil
			}
		}
		s.RateLimits.Rules = append(s.RateLimits.Rules, core.RateLimitRule{Label: trackPageRule, MaxRequests: 30, Duration: 60})
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		kept := s.RateLimits.Rules[:0]
		for _, r := range s.RateLimits.Rules {
			if r.Label != trackPageRule {
				kept = append(kept, r)
			}
		}
		s.RateLimits.Rules = kept
		return app.Save(s)
	})
}
