package digest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/smtpmail"
)

// Delivery is how the outbox sends digests: a drain's digests over one SMTP connection, a
// failed one tried again after 5, 15, 45 and 135 minutes (so every attempt falls within the
// day), then given up; the digest command can still send it.
func Delivery() outbox.Kind {
	return outbox.Kind{Sender: sender{smtpmail.Sender{Session: func(app core.App, conn *smtpmail.Conn, now time.Time) outbox.Session {
		return session{app: app, conn: conn, now: now}
	}}}, Attempts: 5, Waits: []time.Duration{5 * time.Minute, 15 * time.Minute, 45 * time.Minute, 135 * time.Minute}}
}

// sender sends digests by mail and reports each attempt on the digest's row.
type sender struct{ smtpmail.Sender }

// Report shows an attempt's outcome on the digest's row, which the officer reads in the
// console ("My digest"): failed with its error and next try, or sent.
func (sender) Report(app core.App, row *core.Record) error {
	digest, err := app.FindRecordById(schema.Digests, row.GetString("ref"))
	if err != nil {
		return err
	}
	status := schema.DigestFailed
	if row.GetString("status") == outbox.Sent {
		status = schema.DigestSent
	}
	digest.Set("status", status)
	for _, field := range []string{"attempts", "last_error", "sent_at"} {
		digest.Set(field, row.Get(field))
	}
	digest.Set("retry_at", row.Get("next_attempt"))
	return app.Save(digest)
}

type session struct {
	app  core.App
	conn *smtpmail.Conn
	now  time.Time
}

func (s session) Send(_ context.Context, rows []*core.Record) error {
	digest, err := s.app.FindRecordById(schema.Digests, rows[0].GetString("ref"))
	if err != nil {
		return outbox.Permanent(fmt.Errorf("the digest's row is gone: %w", err))
	}
	officer, err := s.app.FindRecordById(schema.Officers, digest.GetString("officer"))
	if err != nil {
		return outbox.Permanent(errors.New("the officer is gone"))
	}
	cfg, err := appconfig.Get(s.app)
	if err != nil {
		return err
	}
	day, err := DayOf(digest.GetString("day"), cfg.Location)
	if err != nil {
		return outbox.Permanent(err)
	}
	msg, err := Mail(s.app, officer, day, s.now)
	if err != nil {
		return err
	}
	return s.conn.Send(msg)
}

func (s session) Close() error { return s.conn.Close() }

// Mail is an officer's digest of a day as it is mailed.
func Mail(app core.App, officer *core.Record, day Day, now time.Time) (smtpmail.Message, error) {
	d, err := Build(app, officer, day, now)
	if err != nil {
		return smtpmail.Message{}, fmt.Errorf("building the digest: %w", err)
	}
	return Render(d)
}
