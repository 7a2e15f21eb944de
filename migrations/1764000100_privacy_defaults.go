package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Privacy and resilience defaults for a district's appliance: no client address in the logs,
// the in-memory rate limiter on, daily backups kept for a week.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "Anubhav"
		s.Meta.SenderName = "Anubhav"
		s.Logs.LogIP = false
		s.Logs.MaxDays = 7
		s.Backups.Cron = "30 1 * * *"
		s.Backups.CronMaxKeep = 7
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = []core.RateLimitRule{
			// Citizens often share one address behind a mobile operator's NAT, so the public
			// limits are generous per address; the form token and device hash do the rest.
			{Label: "POST /api/feedback", MaxRequests: 30, Duration: 60},
			{Label: "/api/track/", MaxRequests: 30, Duration: 60},
			{Label: "/s/", MaxRequests: 120, Duration: 60},
			{Label: "*:auth", MaxRequests: 5, Duration: 10},
			{Label: "*:create", MaxRequests: 20, Duration: 5},
			{Label: "/api/batch", MaxRequests: 3, Duration: 1},
			{Label: "/api/", MaxRequests: 300, Duration: 10},
		}
		if err := app.Save(s); err != nil {
			return err
		}

		// The new-device alert keys its fingerprint on the client address; we keep none.
		superusers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
		if err != nil {
			return err
		}
		superusers.AuthAlert.Enabled = false
		return app.Save(superusers)
	}, nil)
}
