// Package outbox delivers every message the appliance sends on its own (daily digests, urgent
// alerts, replies by SMS) through one queue, the outbox collection: one row per message and
// recipient, unique by (kind, ref, recipient), so that enqueueing twice queues once.
//
// The scheduler drains it every minute. A drain claims the due rows of a kind (pending, or
// failed and due for a retry) by turning them to sending in one UPDATE, so two drains, in one
// process or two, never take the same row; it sends them through the kind's Sender and records
// each attempt on its row: attempts, last_error and, after a failure, next_attempt by the
// kind's back-off, until it gives up (status failed without a next attempt). A kind's
// Reporter shows each outcome where officers look (the digest's row, an item's thread).
//
// A restart loses nothing and repeats nothing that was recorded: a sent row is never claimed
// again, and a row left sending by a process that died is claimed again once Stale has passed.
// A drain cancelled by shutdown finishes the send under way and hands back the rows it had not
// started, untouched.
//
// One window remains where a message may go twice: the process dies (or its database write
// fails) after the provider accepted a message and before its row is marked sent. The stale
// row is then sent again. Closing it would need the provider to recognise a repeated message
// by a key of ours (an idempotency key); neither SMTP nor the districts' bulk-SMS gateways
// offer one, so the window is kept as short as one send and its database write.
package outbox

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Collection is the outbox's collection.
const Collection = "outbox"

// Kinds of message.
const (
	Digest = "digest" // ref: the digests row; recipient: the officer
	Alert  = "alert"  // ref: the urgent item; recipient: the officer
	SMS    = "sms"    // ref: the public reply; no recipient stored: the mobile is read from contacts when sending
	Admin  = "admin"  // ref: the event (replication behind, a backup failed); recipient: the superuser
)

// Kinds lists the kinds of message.
var Kinds = []string{Digest, Alert, SMS, Admin}

// Statuses of a row.
const (
	Pending = "pending"
	Sending = "sending"
	Sent    = "sent"
	Failed  = "failed"
)

// Statuses lists the statuses of a row.
var Statuses = []string{Pending, Sending, Sent, Failed}

// A Sender sends the messages of one kind.
type Sender interface {
	// Ready tells whether the kind can be sent at all now (e.g. mail is set up); while it
	// cannot, its rows wait untouched, and no attempt is spent.
	Ready(app core.App) error
	// Open starts one drain's sending, e.g. one SMTP connection for all its mails; now is the
	// drain's clock, for what the messages say (e.g. what is overdue).
	Open(ctx context.Context, app core.App, now time.Time) (Session, error)
}

// A Session sends the messages of one drain.
type Session interface {
	// Send sends one message: the rows of one recipient where the kind goes together (alerts),
	// else one row. Its error is recorded on the rows: it must not hold a citizen's mobile.
	Send(ctx context.Context, rows []*core.Record) error
	Close() error
}

// A Reporter shows the outcome of each attempt where the officers concerned look. The row
// holds the outcome: status, attempts, last_error and next_attempt.
type Reporter interface {
	Report(app core.App, row *core.Record) error
}

// Kind is how one kind of message is sent and retried.
type Kind struct {
	Sender Sender
	// Waits are the pauses after the first, second… failed attempt; the last one repeats.
	Waits []time.Duration
	// Attempts is how many attempts are made before giving up; 0 never gives up.
	Attempts int
	// Spacing, if set, sends a recipient's due rows together as one message, and at most one
	// message per Spacing: rows that come due sooner wait for its end.
	Spacing time.Duration
}

// wait is the pause after the given number of failed attempts.
func (k Kind) wait(attempts int) time.Duration {
	if len(k.Waits) == 0 {
		return 0
	}
	return k.Waits[min(attempts, len(k.Waits))-1]
}

// Config sets up an outbox.
type Config struct {
	Kinds map[string]Kind
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Stale is how long a row may be sending before it is taken for abandoned by a process that
	// died (default 15 minutes: longer than any batch takes).
	Stale time.Duration
}

// Outbox sends the due rows of its kinds.
type Outbox struct {
	app core.App
	cfg Config
}

// New returns the outbox of app for the configured kinds; rows of other kinds are left alone.
func New(app core.App, cfg Config) *Outbox {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Stale == 0 {
		cfg.Stale = 15 * time.Minute
	}
	return &Outbox{app: app, cfg: cfg}
}

// permanent marks an error that no retry can mend.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks err as one that a retry cannot mend (an officer deleted, a citizen's contact
// gone): the row fails at once, without a next attempt.
func Permanent(err error) error { return permanent{err} }

func isPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
