package digest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/smtpmail"
)

const (
	// MaxAttempts is how often the scheduler tries one digest before it gives up on it (the
	// digest command can still send it).
	MaxAttempts = 5
	// firstRetry is the wait after the first failure; it triples after each further one
	// (5, 15, 45, 135 minutes), so that every attempt falls within the day.
	firstRetry = 5 * time.Minute
	// staleClaim: a pending row older than this belongs to a process that died while sending.
	staleClaim = 15 * time.Minute
)

// Outcome is what became of one officer's digest.
type Outcome struct {
	Email  string
	Status string // sent, failed or Skipped
	Err    error
}

// Skipped is the status of a digest not sent this time: sent before, being sent, or waiting
// for its next retry.
const Skipped = "skipped"

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

// SendDue sends every digest that is due at now and not sent yet, each officer's at its
// district's digest time, retrying failed ones after their back-off. The scheduler calls it
// every minute.
func SendDue(ctx context.Context, app core.App, now time.Time) ([]Outcome, error) {
	officers, err := Recipients(app, "")
	if err != nil {
		return nil, err
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return nil, err
	}
	var due []*core.Record
	for _, officer := range officers {
		own, err := appconfig.ForScope(app, scope.Of(officer))
		if err != nil {
			return nil, err
		}
		if _, ok := Due(own, now); ok {
			due = append(due, officer)
		}
	}
	if len(due) == 0 {
		return nil, nil
	}
	return Deliver(ctx, app, Yesterday(now, cfg.Location), due, now, false)
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

// Deliver sends the officers their digest of day over one SMTP connection, at most once each:
// the digests row of (day, officer) is claimed before sending and records the outcome. A
// manual delivery (the digest command) also retries digests the scheduler gave up on.
func Deliver(ctx context.Context, app core.App, day Day, officers []*core.Record, now time.Time, manual bool) ([]Outcome, error) {
	if err := smtpmail.Ready(app); err != nil {
		return nil, err
	}
	outcomes := make([]Outcome, len(officers))
	var rows []*core.Record
	var messages []smtpmail.Message
	var sending []int
	for i, officer := range officers {
		outcomes[i] = Outcome{Email: officer.Email(), Status: Skipped}
		row, err := claim(app, day.Date, officer.Id, now, manual)
		if err != nil || row == nil {
			outcomes[i].Err = err
			continue
		}
		msg, err := buildMail(app, officer, day, now)
		if err != nil {
			outcomes[i] = record(app, row, officer, now, err)
			continue
		}
		rows, messages, sending = append(rows, row), append(messages, msg), append(sending, i)
	}
	for j, err := range smtpmail.Send(ctx, app, messages) {
		outcomes[sending[j]] = record(app, rows[j], officers[sending[j]], now, err)
	}
	return outcomes, nil
}

func buildMail(app core.App, officer *core.Record, day Day, now time.Time) (smtpmail.Message, error) {
	d, err := Build(app, officer, day, now)
	if err != nil {
		return smtpmail.Message{}, fmt.Errorf("building the digest: %w", err)
	}
	return Render(d)
}

// claim takes the digests row of (day, officer) for one sending, or returns nil when the
// digest was sent, is being sent, or waits for its next retry. The unique (day, officer)
// index and conditional updates make this safe even between two processes.
func claim(app core.App, day, officerID string, now time.Time, manual bool) (*core.Record, error) {
	row, err := app.FindFirstRecordByFilter(schema.Digests, "day = {:day} && officer = {:officer}",
		dbx.Params{"day": day, "officer": officerID})
	if err != nil {
		collection, err := app.FindCachedCollectionByNameOrId(schema.Digests)
		if err != nil {
			return nil, err
		}
		row = core.NewRecord(collection)
		row.Load(map[string]any{"day": day, "officer": officerID, "status": schema.DigestPending, "attempts": 0})
		if err := app.Save(row); err != nil {
			if _, found := app.FindFirstRecordByFilter(schema.Digests, "day = {:day} && officer = {:officer}",
				dbx.Params{"day": day, "officer": officerID}); found == nil {
				return nil, nil // another run claimed it first
			}
			return nil, fmt.Errorf("digests row for %s: %w", day, err)
		}
		return row, nil
	}
	switch row.GetString("status") {
	case schema.DigestSent:
		return nil, nil
	case schema.DigestFailed:
		retryAt := row.GetDateTime("retry_at")
		if !manual && (retryAt.IsZero() || now.Before(retryAt.Time())) {
			return nil, nil
		}
	case schema.DigestPending:
		if time.Since(row.GetDateTime("updated").Time()) < staleClaim {
			return nil, nil
		}
	}
	res, err := app.DB().Update(schema.Digests,
		dbx.Params{"status": schema.DigestPending, "updated": types.NowDateTime().String()},
		dbx.HashExp{"id": row.Id, "status": row.GetString("status"), "updated": row.GetString("updated")}).Execute()
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, nil
	}
	return app.FindRecordById(schema.Digests, row.Id)
}

func retryAfter(attempts int) time.Duration {
	wait := firstRetry
	for i := 1; i < attempts; i++ {
		wait *= 3
	}
	return wait
}

// record writes the outcome of one sending to its row, and logs a failure for the superuser.
func record(app core.App, row, officer *core.Record, now time.Time, sendErr error) Outcome {
	out := Outcome{Email: officer.Email(), Status: schema.DigestSent, Err: sendErr}
	attempts := row.GetInt("attempts") + 1
	row.Set("attempts", attempts)
	row.Set("retry_at", "")
	if sendErr == nil {
		row.Set("status", schema.DigestSent)
		row.Set("sent_at", now)
		row.Set("last_error", "")
	} else {
		out.Status = schema.DigestFailed
		row.Set("status", schema.DigestFailed)
		row.Set("last_error", truncate(sendErr.Error(), 2000))
		if attempts < MaxAttempts {
			row.Set("retry_at", now.Add(retryAfter(attempts)))
		}
		app.Logger().Error("Digest not sent", "day", row.GetString("day"), "officer", officer.Email(),
			"attempt", row.GetInt("attempts"), "error", sendErr.Error())
	}
	if err := app.Save(row); err != nil {
		out.Err = errors.Join(sendErr, fmt.Errorf("recording the digest of %s for %s: %w", row.GetString("day"), officer.Email(), err))
	}
	return out
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
