// Package scheduler runs Anubhav's timed work with robfig/cron while the server runs: the
// daily digests at each district's digest time (in the deployment's time zone, CRON_TZ), and every minute
// the catch-up of digests that are due but not sent (missed while down, or failed and due
// for a retry) and of urgent alerts held back by their window. Every job recovers from a
// panic, and every run re-reads the settings, so a change needs no restart.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/robfig/cron/v3"

	"anubhav/alerts"
	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/smtpmail"
)

// stopWait bounds how long Stop waits for a running job (an SMTP conversation) to end.
const stopWait = 30 * time.Second

// Scheduler is the cron of one app.
type Scheduler struct {
	app   core.App
	chain cron.Chain

	mu      sync.Mutex // guards the fields below
	cron    *cron.Cron
	daily   map[string]cron.EntryID // by spec: one per digest time in use
	ctx     context.Context
	cancel  context.CancelFunc
	running sync.WaitGroup

	digests sync.Mutex // one digest run at a time
	alerts  sync.Mutex // one alert flush at a time
	// offWarned is the day for which "SMTP is off" was last logged, to log it once a day.
	offWarned string
}

// New returns a scheduler for app; Start runs it.
func New(app core.App) *Scheduler {
	return &Scheduler{app: app, chain: cron.NewChain(cron.Recover(logger{app}))}
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

// Stop ends the schedule and waits (a while) for running jobs.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	if s.cron == nil {
		s.mu.Unlock()
		return
	}
	c, cancel := s.cron, s.cancel
	s.cron = nil
	s.mu.Unlock()

	stopped := c.Stop()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		s.running.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(stopWait):
		cancel()
		<-done
	}
	cancel()
}

// Reschedule moves the daily digests to the districts' current digest times and time zone.
func (s *Scheduler) Reschedule() error {
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

// WakeAlerts sends the queued urgent alerts now (those whose officer's window allows).
func (s *Scheduler) WakeAlerts() { s.goRun(s.flushAlerts) }

// scheduleDaily (with mu held) registers a daily digest job for each digest time that a
// district (or the deployment, for the range officers) uses, and removes those none uses.
// Each run sends the digests that are due by then (digest.SendDue), whichever district.
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
		id, err := s.cron.AddFunc(spec, func() { s.sendDigests(true) })
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

func (s *Scheduler) tick() {
	s.sendDigests(false)
	s.flushAlerts()
}

func (s *Scheduler) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}

// sendDigests sends what is due; onTime is the daily run, which also says when mail is off.
func (s *Scheduler) sendDigests(onTime bool) {
	if !s.digests.TryLock() {
		return // the run under way sends it; the next tick retries what it could not
	}
	defer s.digests.Unlock()
	now := time.Now()
	outcomes, err := digest.SendDue(s.context(), s.app, now)
	if errors.Is(err, smtpmail.ErrOff) {
		if day := now.Format(time.DateOnly); onTime || s.offWarned != day {
			s.offWarned = day
			s.app.Logger().Warn("Daily digests wait: " + err.Error())
		}
		return
	}
	if err != nil {
		s.app.Logger().Error("Daily digests", "error", err.Error())
		return
	}
	var sent []string
	for _, o := range outcomes {
		if o.Status == "sent" {
			sent = append(sent, o.Email)
		}
	}
	if len(sent) > 0 {
		s.app.Logger().Info("Daily digests sent", "officers", strings.Join(sent, ", "))
	}
}

func (s *Scheduler) flushAlerts() {
	s.alerts.Lock()
	defer s.alerts.Unlock()
	if err := alerts.Flush(s.context(), s.app, time.Now()); err != nil && !errors.Is(err, smtpmail.ErrOff) {
		s.app.Logger().Error("Urgent alerts", "error", err.Error())
	}
}

// logger lets cron report recovered panics in PocketBase's logs.
type logger struct{ app core.App }

func (l logger) Info(msg string, keysAndValues ...any) {
	l.app.Logger().Debug("cron: "+msg, keysAndValues...)
}

func (l logger) Error(err error, msg string, keysAndValues ...any) {
	l.app.Logger().Error("cron: "+msg, append(keysAndValues, "error", fmt.Sprint(err))...)
}
