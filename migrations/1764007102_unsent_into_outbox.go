package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Digests and replies' SMS that were still to go when the outbox came are queued there, so the
// upgrade's restart loses none: a digest that failed and awaits its retry (due at its retry_at),
// or was being sent in the last two days (due at once); and the SMS of a reply of the last
// three days that has no outcome on its thread yet, where the citizen consented and gave a
// mobile and SMS is on (the sender checks the district's gateway again when it sends).
func init() {
	m.Register(func(app core.App) error {
		now := `strftime('%Y-%m-%d %H:%M:%fZ', 'now')`
		_, err := app.DB().NewQuery(`INSERT INTO outbox
			(id, kind, ref, recipient, status, attempts, next_attempt, last_error, sent_at, created, updated)
			SELECT substr(lower(hex(randomblob(8))), 1, 15), 'digest', id, officer,
				CASE WHEN status = 'failed' THEN 'failed' ELSE 'pending' END, attempts,
				CASE WHEN status = 'failed' THEN retry_at ELSE ` + now + ` END, last_error, '', created, updated
			FROM digests
			WHERE (status = 'failed' AND retry_at != '') OR (status = 'pending' AND day >= date('now', '-2 days'))`).Execute()
		if err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`INSERT INTO outbox
			(id, kind, ref, recipient, status, attempts, next_attempt, last_error, sent_at, created, updated)
			SELECT substr(lower(hex(randomblob(8))), 1, 15), 'sms', r.id, '', 'pending', 0, ` + now + `, '', '', ` + now + `, ` + now + `
			FROM followups r
			WHERE r.action = 'reply' AND r.created > strftime('%Y-%m-%d %H:%M:%fZ', 'now', '-3 days')
				AND NOT EXISTS (SELECT 1 FROM followups o WHERE o.ref = r.id)
				AND EXISTS (SELECT 1 FROM contacts c WHERE c.feedback = r.feedback AND c.consent = TRUE AND c.mobile != '')
				AND EXISTS (SELECT 1 FROM feedback f JOIN config c ON c.district = f.district
					WHERE f.id = r.feedback AND c.sms_enabled = TRUE)
				AND EXISTS (SELECT 1 FROM config g WHERE g.sms_url != '')`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DELETE FROM outbox WHERE kind IN ('digest', 'sms')").Execute()
		return err
	})
}
