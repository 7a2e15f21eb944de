// Package scheduler runs Anubhav's timed work with robfig/cron while the server runs: every
// minute it queues the digests that are due (each district's at its digest time, in the
// deployment's time zone, CRON_TZ; one missed while the server was down the same day) and
// drains the outbox (digests, urgent alerts, replies by SMS, and their retries); a daily job at
// each digest time does the same on the minute. Every job recovers from a panic, and every run
// re-reads the settings, so a change needs no restart. Stop cancels the drain under way and
// waits for it: no goroutine outlives the server.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/robfig/cron/v3"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/outbox"
	"anubhav/smtpmail"
)

// Scheduler is the cron of one app.
type Scheduler struct {
	app   core.App
	box   *outbox.Outbox
	chain cron.Chain

	mu      sync.Mutex // guards the fields below
	cron    *cron.Cron
	daily   map[string]cron.EntryID // by spec: one per digest time in use
	ctx     context.Context
	cancel  context.CancelFunc
	running sync.WaitGroup

	working sync.Mutex  // one run at a time
	again   atomic.Bool // a run was asked for while one was under way
	// offWarned is the day for which "SMTP is off" was last logged, to log it once a day.
	offWarned string
}

// New returns a scheduler for app that drains box; Start runs it.
func New(app core.App, box *outbox.Outbox) *Scheduler {
	return &Scheduler{app: app, box: box, chain: cron.NewChain(cron.Recover(logger{app}))}
}

// Start schedules the jobs and catches up at once on whatever fell due while the server was
// down.
func (s *Scheduler) Start() error {
	set, err := appconfig.All(s.app)
	if err != nil {
		return err
	}
	if err := s.start(set); err != nil {
		return err
	}
	s.goRun(s.tick)
	return nil
}

func (s *Scheduler) start(set *appconfig.Set) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return errors.New("the scheduler is running already")
	}
	c := cron.New(cron.WithLocation(set.Defaults.Location), cron.WithChain(cron.Recover(logger{s.app})))
	s.cron, s.daily = c, map[string]cron.EntryID{}
	if err := s.scheduleDaily(set); err != nil {
		s.cron = nil
		return err
	}
	if _, err := c.AddFunc("@every 1m", s.tick); err != nil {
		s.cron = nil
		return err
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	c.Start()
	return nil
}

// Stop ends the schedule, cancels the drain under way (it finishes the message it is sending
// and hands back the rest) and waits for the running jobs.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	if s.cron == nil {
		s.mu.Unlock()
		return
	}
	c, cancel := s.cron, s.cancel
	s.cron = nil
	s.mu.Unlock()

	cancel()
	<-c.Stop().Done()
	s.running.Wait()
}

// Reschedule moves the daily digests to the districts' current digest times and time zone.
func (s *Scheduler) Reschedule() error {
	s.mu.Lock()
	started := s.cron != nil
	s.mu.Unlock()
	if !started {
		// Not serving (a command): nothing to move, and nothing to read. An import that adds
		// 2,000 districts calls this once for each.
		return nil
	}
	set, err := appconfig.All(s.app)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return nil
	}
	return s.scheduleDaily(set)
}

// DailySpecs are the cron specs of the daily digests, sorted.
func (s *Scheduler) DailySpecs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.daily))
}

// Wake drains the outbox now, for a message just queued (an urgent alert, a reply's SMS).
func (s *Scheduler) Wake() { s.goRun(s.tick) }

// scheduleDaily (with mu held) registers a daily digest job for each digest time that a
// district (or the deployment, for the range officers) uses, and removes those none uses.
// Each run queues the digests that are due by then (digest.EnqueueDue), whichever district.
func (s *Scheduler) scheduleDaily(set *appconfig.Set) error {
	wanted := map[string]bool{}
	for _, cfg := range append(set.Districts(), set.Defaults) {
		at, err := time.Parse("15:04", cfg.DigestTime)
		if err != nil {
			return fmt.Errorf("digest_time %q: use HH:MM", cfg.DigestTime)
		}
		wanted[fmt.Sprintf("CRON_TZ=%s %d %d * * *", set.Defaults.Location, at.Minute(), at.Hour())] = true
	}
	for spec := range wanted {
		if _, ok := s.daily[spec]; ok {
			continue
		}
		id, err := s.cron.AddFunc(spec, func() { s.run(true) })
		if err != nil {
			return fmt.Errorf("digest schedule %q: %w", spec, err)
		}
		s.daily[spec] = id
	}
	for spec, id := range s.daily {
		if !wanted[spec] {
			s.cron.Remove(id)
			delete(s.daily, spec)
		}
	}
	return nil
}

// goRun runs a job now, in the background, with the cron's panic recovery, unless stopped.
func (s *Scheduler) goRun(job func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return
	}
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		s.chain.Then(cron.FuncJob(job)).Run()
	}()
}

func (s *Scheduler) tick() { s.run(false) }

// run queues the due digests and drains the outbox; onTime is a daily run, which also says when
// mail is off. While a run is under way another is not started: the one under way runs again
// when it ends, so that a message queued meanwhile does not wait for the next minute.
func (s *Scheduler) run(onTime bool) {
	s.again.Store(true)
	for s.again.Load() && s.working.TryLock() {
		s.again.Store(false)
		s.work(onTime)
		s.working.Unlock()
	}
}

func (s *Scheduler) work(onTime bool) {
	now := time.Now()
	_, err := digest.EnqueueDue(s.app, now)
	switch {
	case errors.Is(err, smtpmail.ErrOff):
		if day := now.Format(time.DateOnly); onTime || s.offWarned != day {
			s.offWarned = day
			s.app.Logger().Warn("Daily digests wait: " + err.Error())
		}
	case err != nil:
		s.app.Logger().Error("Daily digests not queued", "error", err.Error())
	}
	attempts, err := s.box.Drain(s.context())
	if err != nil {
		s.app.Logger().Error("Outbox", "error", err.Error())
	}
	sent := map[string]int{}
	for _, a := range attempts {
		if a.Err == nil {
			sent[a.Row.GetString("kind")]++
		}
	}
	if len(sent) > 0 {
		s.app.Logger().Info("Outbox sent", "digest", sent[outbox.Digest], "alert", sent[outbox.Alert], "sms", sent[outbox.SMS], "admin", sent[outbox.Admin])
	}
}

func (s *Scheduler) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}

// logger lets cron report recovered panics in PocketBase's logs.
type logger struct{ app core.App }

func (l logger) Info(msg string, keysAndValues ...any) {
	l.app.Logger().Debug("cron: "+msg, keysAndValues...)
}

func (l logger) Error(err error, msg string, keysAndValues ...any) {
	l.app.Logger().Error("cron: "+msg, append(keysAndValues, "error", fmt.Sprint(err))...)
}
