package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/outbox"
	"anubhav/testkit/testapp"
)

// clock is a test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// provider is a sender that keeps what it sent and what it was told, and answers as the test
// says: an error per attempt in turn (nil: accepted), a hook run before each message.
type provider struct {
	mu       sync.Mutex
	answers  []error
	sent     []string // the refs of each message, joined by "+"
	reports  []string // status/attempts/next of each reported attempt
	notReady error
	before   func(refs string)
}

func (p *provider) Ready(core.App) error { return p.notReady }

func (p *provider) Open(context.Context, core.App, time.Time) (outbox.Session, error) {
	return session{p}, nil
}

func (p *provider) Report(_ core.App, row *core.Record) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.reports = append(p.reports, fmt.Sprintf("%s/%d/%s", row.GetString("status"), row.GetInt("attempts"), row.GetString("next_attempt")))
	return nil
}

type session struct{ p *provider }

func (s session) Send(_ context.Context, rows []*core.Record) error {
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.GetString("ref"))
	}
	slices.Sort(refs) // the order within a message is the sender's
	joined := strings.Join(refs, "+")
	if s.p.before != nil {
		s.p.before(joined)
	}
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	var err error
	if len(s.p.answers) > 0 {
		err, s.p.answers = s.p.answers[0], s.p.answers[1:]
	}
	if err == nil {
		s.p.sent = append(s.p.sent, joined)
	}
	return err
}

func (session) Close() error { return nil }

func (p *provider) got() ([]string, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.sent), slices.Clone(p.reports)
}

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// box is an outbox of one kind (alert, as any other) sent by p, on the test's clock.
func box(app core.App, c *clock, p *provider, k outbox.Kind) *outbox.Outbox {
	k.Sender = p
	return outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Alert: k}, Now: c.Now, Stale: 10 * time.Minute})
}

func enqueue(t *testing.T, app core.App, ref, recipient string, at time.Time) *core.Record {
	t.Helper()
	row, err := outbox.Enqueue(app, outbox.Alert, ref, recipient, at)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func drain(t *testing.T, b *outbox.Outbox) []outbox.Attempt {
	t.Helper()
	attempts, err := b.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return attempts
}

func reload(t *testing.T, app core.App, row *core.Record) *core.Record {
	t.Helper()
	got, err := app.FindRecordById(outbox.Collection, row.Id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestEnqueueingTwiceQueuesOnce(t *testing.T) {
	app, _ := testapp.New(t)
	first := enqueue(t, app, "item1", "officer1", t0)
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Go(func() {
			row, err := outbox.Enqueue(app, outbox.Alert, "item1", "officer1", t0.Add(time.Hour))
			if err == nil {
				ids[i] = row.Id
			}
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != first.Id {
			t.Fatalf("enqueueing again gave row %q, want the first one %q", id, first.Id)
		}
	}
	enqueue(t, app, "item1", "officer2", t0) // another recipient is another message
	rows, err := app.FindAllRecords(outbox.Collection)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows (%v), want 2", len(rows), err)
	}
	if got := reload(t, app, first); got.GetString("status") != outbox.Pending || !got.GetDateTime("next_attempt").Time().Equal(t0) {
		t.Fatalf("the first row changed: %v", got.PublicExport())
	}

	// A message sent is not queued again by enqueueing it again.
	c := &clock{t: t0}
	p := &provider{}
	drain(t, box(app, c, p, outbox.Kind{}))
	enqueue(t, app, "item1", "officer1", t0)
	c.Add(time.Hour)
	drain(t, box(app, c, p, outbox.Kind{}))
	if sent, _ := p.got(); !slices.Equal(sent, []string{"item1", "item1"}) {
		t.Fatalf("sent %v, want item1 once to each officer", sent)
	}
}

func TestAFailedSendIsRetriedWithBackOffAndEachAttemptRecorded(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	p := &provider{answers: []error{errors.New("451 busy"), errors.New("451 still busy"), errors.New("550 no")}}
	b := box(app, c, p, outbox.Kind{Waits: []time.Duration{time.Minute, 5 * time.Minute}, Attempts: 3})
	row := enqueue(t, app, "item1", "officer1", t0)

	step := func(d time.Duration, wantAttempts int) *core.Record {
		t.Helper()
		c.Add(d)
		if n := len(drain(t, b)); n != wantAttempts {
			t.Fatalf("at %s: %d attempts, want %d", c.Now().Sub(t0), n, wantAttempts)
		}
		return reload(t, app, row)
	}
	r := step(0, 1)
	if r.GetString("status") != outbox.Failed || r.GetInt("attempts") != 1 || r.GetString("last_error") != "451 busy" ||
		!r.GetDateTime("next_attempt").Time().Equal(t0.Add(time.Minute)) {
		t.Fatalf("after the first failure: %v", r.PublicExport())
	}
	step(59*time.Second, 0) // its back-off is not over
	r = step(time.Second, 1)
	if r.GetInt("attempts") != 2 || r.GetString("last_error") != "451 still busy" ||
		!r.GetDateTime("next_attempt").Time().Equal(t0.Add(6*time.Minute)) {
		t.Fatalf("after the second failure: %v", r.PublicExport())
	}
	r = step(5*time.Minute, 1)
	if r.GetString("status") != outbox.Failed || r.GetInt("attempts") != 3 || !strings.Contains(r.GetString("last_error"), "550") ||
		!r.GetDateTime("next_attempt").IsZero() {
		t.Fatalf("after the last attempt it should be given up: %v", r.PublicExport())
	}
	step(24*time.Hour, 0)

	_, reports := p.got()
	want := []string{
		"failed/1/2026-03-02 08:01:00.000Z",
		"failed/2/2026-03-02 08:06:00.000Z",
		"failed/3/",
	}
	if !slices.Equal(reports, want) {
		t.Fatalf("reports %q, want %q", reports, want)
	}

	// A retry that goes through clears the error and records when it went.
	other := enqueue(t, app, "item2", "officer1", c.Now())
	p.answers = []error{errors.New("timeout")}
	drain(t, b)
	c.Add(time.Minute)
	drain(t, b)
	if r := reload(t, app, other); r.GetString("status") != outbox.Sent || r.GetInt("attempts") != 2 || r.GetString("last_error") != "" ||
		!r.GetDateTime("sent_at").Time().Equal(c.Now()) || !r.GetDateTime("next_attempt").IsZero() {
		t.Fatalf("after a retry that went through: %v", r.PublicExport())
	}

	// An error no retry can mend fails at once.
	gone := enqueue(t, app, "item3", "officer1", c.Now())
	p.answers = []error{outbox.Permanent(errors.New("the officer is gone"))}
	drain(t, b)
	if r := reload(t, app, gone); r.GetString("status") != outbox.Failed || r.GetInt("attempts") != 1 || !r.GetDateTime("next_attempt").IsZero() {
		t.Fatalf("a permanent failure: %v", r.PublicExport())
	}
}

func TestAKindNotReadyWaitsWithoutSpendingAnAttempt(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	p := &provider{notReady: errors.New("SMTP is off")}
	b := box(app, c, p, outbox.Kind{Attempts: 1})
	row := enqueue(t, app, "item1", "officer1", t0)
	drain(t, b)
	if r := reload(t, app, row); r.GetString("status") != outbox.Pending || r.GetInt("attempts") != 0 {
		t.Fatalf("a row of a kind that cannot be sent: %v", r.PublicExport())
	}
	p.notReady = nil
	drain(t, b)
	if sent, _ := p.got(); !slices.Equal(sent, []string{"item1"}) {
		t.Fatalf("sent %v once ready", sent)
	}
}

func TestARestartNeverResendsASentRowAndRetriesAStaleOne(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	// The first process sends a, then dies while sending b: its goroutine ends there, and
	// nothing is recorded of b.
	p := &provider{before: func(refs string) {
		if refs == "b" {
			runtime.Goexit()
		}
	}}
	a := enqueue(t, app, "a", "officer1", t0)
	b := enqueue(t, app, "b", "officer2", t0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		box(app, c, p, outbox.Kind{Waits: []time.Duration{time.Minute}}).Drain(context.Background())
	}()
	<-done
	if r := reload(t, app, b); r.GetString("status") != outbox.Sending {
		t.Fatalf("b after the crash: %v", r.PublicExport())
	}

	// The new process sends nothing again, and b only once it is stale.
	restarted := &provider{}
	again := box(app, c, restarted, outbox.Kind{Waits: []time.Duration{time.Minute}})
	c.Add(time.Minute)
	drain(t, again)
	if sent, _ := restarted.got(); len(sent) != 0 {
		t.Fatalf("after the restart, before b is stale: sent %v", sent)
	}
	c.Add(10 * time.Minute)
	drain(t, again)
	c.Add(time.Hour)
	drain(t, again)
	if sent, _ := restarted.got(); !slices.Equal(sent, []string{"b"}) {
		t.Fatalf("after the restart: sent %v, want b once", sent)
	}
	if r := reload(t, app, a); r.GetString("status") != outbox.Sent || r.GetInt("attempts") != 1 {
		t.Fatalf("a: %v", r.PublicExport())
	}
	if r := reload(t, app, b); r.GetString("status") != outbox.Sent || r.GetInt("attempts") != 2 {
		t.Fatalf("b, the cut-short attempt counted: %v", r.PublicExport())
	}
	_, reports := restarted.got()
	if len(reports) != 1 || !strings.HasPrefix(reports[0], "sent/2/") {
		t.Fatalf("reports %q", reports)
	}
}

func TestTwoDrainsAtOnceSendEachMessageOnce(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	p := &provider{before: func(string) { time.Sleep(time.Millisecond) }}
	var want []string
	for i := range 30 {
		ref := fmt.Sprintf("item%02d", i)
		enqueue(t, app, ref, "officer"+ref, t0)
		want = append(want, ref)
	}
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Go(func() {
			for range 5 {
				attempts, err := box(app, c, p, outbox.Kind{}).Drain(context.Background())
				if err != nil {
					t.Error(err)
				}
				counts[i] += len(attempts)
			}
		})
	}
	wg.Wait()
	sent, _ := p.got()
	slices.Sort(sent)
	if !slices.Equal(sent, want) || counts[0]+counts[1] != len(want) {
		t.Fatalf("sent %v in %v attempts; want each of the %d once", sent, counts, len(want))
	}
}

func TestARecipientsMessagesGoTogetherOncePerSpacing(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	p := &provider{}
	b := box(app, c, p, outbox.Kind{Spacing: 10 * time.Minute})
	enqueue(t, app, "i1", "sp", t0)
	drain(t, b)
	c.Add(time.Minute)
	enqueue(t, app, "i2", "sp", c.Now())
	enqueue(t, app, "i3", "sp", c.Now())
	enqueue(t, app, "i4", "sdo", c.Now())
	drain(t, b) // the SDO's goes; the SP's wait for the end of the SP's 10 minutes
	c.Add(8 * time.Minute)
	drain(t, b)
	c.Add(time.Minute)
	drain(t, b)
	sent, _ := p.got()
	if want := []string{"i1", "i4", "i2+i3"}; !slices.Equal(sent, want) {
		t.Fatalf("sent %q, want %q", sent, want)
	}
}

func TestShutdownStopsADrainBetweenTwoMessages(t *testing.T) {
	app, _ := testapp.New(t)
	c := &clock{t: t0}
	ctx, cancel := context.WithCancel(context.Background())
	// the first message is under way when the server stops
	p := &provider{before: func(refs string) {
		if refs == "m1" {
			cancel()
		}
	}}
	rows := []*core.Record{enqueue(t, app, "m1", "o1", t0), enqueue(t, app, "m2", "o2", t0), enqueue(t, app, "m3", "o3", t0)}
	attempts, err := box(app, c, p, outbox.Kind{Attempts: 1}).Drain(ctx)
	if err != nil || len(attempts) != 1 {
		t.Fatalf("%d attempts (%v), want the one under way", len(attempts), err)
	}
	if r := reload(t, app, rows[0]); r.GetString("status") != outbox.Sent {
		t.Fatalf("the message under way: %v", r.PublicExport())
	}
	for _, row := range rows[1:] {
		if r := reload(t, app, row); r.GetString("status") != outbox.Pending || r.GetInt("attempts") != 0 ||
			r.GetDateTime("next_attempt").Time().After(t0) {
			t.Fatalf("a message not started should be handed back, due, no attempt spent: %v", r.PublicExport())
		}
	}
	drain(t, box(app, c, p, outbox.Kind{Attempts: 1}))
	if sent, _ := p.got(); !slices.Equal(sent, []string{"m1", "m2", "m3"}) {
		t.Fatalf("sent %v, want each once", sent)
	}
}
