package smtpmail

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/outbox"
)

// Sender is the outbox's Ready and Open for a kind of message sent by mail (digests, alerts,
// the administrators' mail): the mail settings checked, one SMTP connection per drain, handed
// to the kind's own session, which sends on it and closes it.
type Sender struct {
	Session func(app core.App, conn *Conn, now time.Time) outbox.Session
}

// Ready tells whether mail is set up; until it is, the kind's rows wait untouched.
func (s Sender) Ready(app core.App) error { return Ready(app) }

// Open dials the SMTP server for one drain.
func (s Sender) Open(ctx context.Context, app core.App, now time.Time) (outbox.Session, error) {
	conn, err := Dial(ctx, app)
	if err != nil {
		return nil, err
	}
	return s.Session(app, conn, now), nil
}
