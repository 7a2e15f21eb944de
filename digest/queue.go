package digest

import (
	"context"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/smtpmail"
)

// Due is the day whose digest is due at now: yesterday, once the district's digest time of
// today has passed. A digest missed while the server was down is thus sent on its return the
// same day; an older one is not (it would no longer be news).
func Due(cfg *appconfig.Config, now time.Time) (Day, bool) {
	at, err := time.Parse("15:04", cfg.DigestTime)
	if err != nil {
		at, _ = time.Parse("15:04", "08:00")
	}
	local := now.In(cfg.Location)
	due := time.Date(local.Year(), local.Month(), local.Day(), at.Hour(), at.Minute(), 0, 0, cfg.Location)
	return Yesterday(now, cfg.Location), !local.Before(due)
}

// EnqueueDue queues the digest of every officer whose district's digest time has passed today
// and who has none queued for yesterday yet; the scheduler calls it every minute, and the outbox
// sends them. While mail is off nothing is queued: a digest queued then would go out days late.
func EnqueueDue(app core.App, now time.Time) (int, error) {
	if err := smtpmail.Ready(app); err != nil {
		return 0, err
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return 0, err
	}
	day := Yesterday(now, cfg.Location)
	var queued []string
	if err := app.DB().Select("officer").From(schema.Digests).Where(dbx.HashExp{"day": day.Date}).Column(&queued); err != nil {
		return 0, err
	}
	has := map[string]bool{}
	for _, id := range queued {
		has[id] = true
	}
	officers, err := Recipients(app, "")
	if err != nil {
		return 0, err
	}
	var due []*core.Record
	for _, officer := range officers {
		if has[officer.Id] {
			continue
		}
		own, err := appconfig.ForScope(app, scope.Of(officer))
		if err != nil {
			return 0, err
		}
		if _, ok := Due(own, now); ok {
			due = append(due, officer)
		}
	}
	rows, err := Enqueue(app, day, due, now)
	return len(rows), err
}

// Recipients are the officers who receive the digest: digest on and an email address; with
// email given, only that officer.
func Recipients(app core.App, email string) ([]*core.Record, error) {
	filter, params := "digest = true && email != ''", dbx.Params{}
	if email != "" {
		filter += " && email = {:email}"
		params["email"] = email
	}
	officers, err := app.FindRecordsByFilter(schema.Officers, filter, "email", 0, 0, params)
	if err == nil && email != "" && len(officers) == 0 {
		err = fmt.Errorf("no officer %s with the daily digest on", email)
	}
	return officers, err
}

// Enqueue queues the officers' digests of day, due at the given time, and returns their outbox
// rows in the officers' order. Each is a digests row of (day, officer), which the officer sees
// in the console, and its outbox row, made together; one queued before is returned as it is.
func Enqueue(app core.App, day Day, officers []*core.Record, at time.Time) ([]*core.Record, error) {
	rows := make([]*core.Record, 0, len(officers))
	for _, officer := range officers {
		var row *core.Record
		err := app.RunInTransaction(func(tx core.App) error {
			digest, err := tx.FindFirstRecordByFilter(schema.Digests, "day = {:day} && officer = {:officer}",
				dbx.Params{"day": day.Date, "officer": officer.Id})
			if err != nil {
				collection, err := tx.FindCachedCollectionByNameOrId(schema.Digests)
				if err != nil {
					return err
				}
				digest = core.NewRecord(collection)
				digest.Load(map[string]any{"day": day.Date, "officer": officer.Id, "status": schema.DigestPending})
				if err := tx.Save(digest); err != nil {
					return fmt.Errorf("the digest of %s for %s: %w", day.Date, officer.Email(), err)
				}
			}
			row, err = outbox.Enqueue(tx, outbox.Digest, digest.Id, officer.Id, at)
			return err
		})
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Outcome is what became of one officer's digest.
type Outcome struct {
	Email  string
	Status string // sent, failed or Skipped
	Err    error
}

// Skipped is the status of a digest not sent this time: sent before, or being sent.
const Skipped = "skipped"

// Send sends the officers their digest of day now (the digest command), at most once each: a
// digest not queued yet is queued, one that failed is tried again even where the scheduler gave
// up on it, and one sent or being sent is skipped.
func Send(ctx context.Context, app core.App, box *outbox.Outbox, day Day, officers []*core.Record, now time.Time) ([]Outcome, error) {
	if err := smtpmail.Ready(app); err != nil {
		return nil, err
	}
	rows, err := Enqueue(app, day, officers, now)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, row := range rows {
		if row.GetString("status") == outbox.Failed {
			if err := outbox.Retry(app, row, now); err != nil {
				return nil, err
			}
		}
		ids[i] = row.Id
	}
	attempts, err := box.Send(ctx, ids)
	if err != nil {
		return nil, err
	}
	byRow := map[string]outbox.Attempt{}
	for _, a := range attempts {
		byRow[a.Row.Id] = a
	}
	outcomes := make([]Outcome, len(officers))
	for i, officer := range officers {
		outcomes[i] = Outcome{Email: officer.Email(), Status: Skipped}
		if a, ok := byRow[rows[i].Id]; ok {
			outcomes[i].Status, outcomes[i].Err = a.Row.GetString("status"), a.Err
		}
	}
	return outcomes, nil
}
