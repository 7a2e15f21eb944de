package scheduler_test

import (
	"slices"
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
	rows, err := app.FindAllRecords(schema.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows { // every district's, and the deployment's (the range officer's)
		row.Set("digest_time", "00:00")
		if err := app.Save(row); err != nil {
			t.Fatal(err)
		}
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
	rows, err = app.FindAllRecords(schema.Digests)
	if err != nil || len(rows) != officers {
		t.Fatalf("%d digest rows (%v), want %d", len(rows), err, officers)
	}
}

func TestTheDailyRunsFollowTheDistrictsSettings(t *testing.T) {
	app, f := testapp.New(t)
	s := scheduler.New(app)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if got := s.DailySpecs(); !slices.Equal(got, []string{"CRON_TZ=Asia/Kolkata 0 8 * * *"}) {
		t.Fatalf("default schedule %q", got)
	}
	// one district moves its digest; the time zone is the deployment's
	district, err := app.FindFirstRecordByData(schema.Config, "district", f.Areas["d1"])
	if err != nil {
		t.Fatal(err)
	}
	district.Set("digest_time", "07:30")
	if err := app.Save(district); err != nil {
		t.Fatal(err)
	}
	deployment, _ := appconfig.Get(app)
	deployment.Record.Set("timezone", "Asia/Kathmandu")
	if err := app.Save(deployment.Record); err != nil {
		t.Fatal(err)
	}
	if err := s.Reschedule(); err != nil {
		t.Fatal(err)
	}
	want := []string{"CRON_TZ=Asia/Kathmandu 0 8 * * *", "CRON_TZ=Asia/Kathmandu 30 7 * * *"}
	if got := s.DailySpecs(); !slices.Equal(got, want) {
		t.Fatalf("schedule after the change %q, want %q", got, want)
	}
}
