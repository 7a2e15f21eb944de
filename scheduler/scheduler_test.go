package scheduler_test

import (
	"testing"

	"anubhav/appconfig"
	"anubhav/mailtest"
	"anubhav/scheduler"
	"anubhav/schema"
	"anubhav/testapp"
)

func TestAStartAfterAMissedScheduleSendsOnceAndARestartNothing(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	// The digest time has passed today whenever the test runs, and the server was not up.
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Record.Set("digest_time", "00:00")
	if err := app.Save(cfg.Record); err != nil {
		t.Fatal(err)
	}

	s := scheduler.New(app)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.Stop() // waits for the catch-up run that Start began
	const officers = 6
	if n := len(smtp.Messages()); n != officers {
		t.Fatalf("%d digests after the start, want one per officer (%d)", n, officers)
	}

	again := scheduler.New(app)
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	again.Stop()
	if n := len(smtp.Messages()); n != officers {
		t.Fatalf("%d digests after a restart, want still %d", n, officers)
	}
	rows, err := app.FindAllRecords(schema.Digests)
	if err != nil || len(rows) != officers {
		t.Fatalf("%d digest rows (%v), want %d", len(rows), err, officers)
	}
}

func TestTheDailyRunFollowsTheSettings(t *testing.T) {
	app, _ := testapp.New(t)
	s := scheduler.New(app)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if got := s.DailySpec(); got != "CRON_TZ=Asia/Kolkata 0 8 * * *" {
		t.Fatalf("default schedule %q", got)
	}
	cfg, _ := appconfig.Get(app)
	cfg.Record.Set("digest_time", "07:30")
	cfg.Record.Set("timezone", "Asia/Kathmandu")
	if err := app.Save(cfg.Record); err != nil {
		t.Fatal(err)
	}
	if err := s.Reschedule(); err != nil {
		t.Fatal(err)
	}
	if got := s.DailySpec(); got != "CRON_TZ=Asia/Kathmandu 30 7 * * *" {
		t.Fatalf("schedule after the change %q", got)
	}
}
