package scheduler_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/digest"
	"anubhav/outbox"
	"anubhav/scheduler"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

func digests(app core.App) *outbox.Outbox {
	return outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Digest: digest.Delivery()}})
}

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

	const officers = 6
	s := scheduler.New(app, digests(app))
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	// the catch-up run that Start began sends them
	for deadline := time.Now().Add(10 * time.Second); len(smtp.Messages()) < officers && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	s.Stop()
	if n := len(smtp.Messages()); n != officers {
		t.Fatalf("%d digests after the start, want one per officer (%d)", n, officers)
	}

	again := scheduler.New(app, digests(app))
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // its catch-up run: it would send them in a few ms
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
	s := scheduler.New(app, digests(app))
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

// Stop cancels the drain under way: the SMS the gateway is taking finishes, the others wait
// for the next start, and no message goes twice.
func TestStopCancelsTheDrainUnderWay(t *testing.T) {
	app, f := testapp.New(t)
	var requests atomic.Int32
	taking, release := make(chan struct{}), make(chan struct{})
	gateway := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 1 {
			close(taking)
			<-release
		}
	}))
	defer gateway.Close()
	rows, err := app.FindAllRecords(schema.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		row.Set("sms_enabled", true)
		if row.GetString("district") == "" {
			row.Set("sms_url", gateway.URL+"/send?to={{mobile}}")
		}
		if err := app.Save(row); err != nil {
			t.Fatal(err)
		}
	}
	var replies []*core.Record
	for item, author := range map[string]string{"a-exp": testapp.SP, "a-complaint": testapp.SP, "c-exp": testapp.OtherSP} {
		officer, _ := app.FindRecordById(schema.Officers, f.Officers[author])
		r, err := console.Act(app, officer, f.Items[item], console.Action{Name: schema.ActionReply, Body: "Registered"})
		if err != nil {
			t.Fatal(err)
		}
		replies = append(replies, r)
	}
	texts := func() *outbox.Outbox {
		return outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.SMS: sms.Delivery()}})
	}

	s := scheduler.New(app, texts())
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	<-taking
	stopped := make(chan struct{})
	go func() {
		s.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
		t.Fatal("Stop returned while an SMS was under way")
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not return once the SMS under way was taken")
	}
	statuses := map[string]int{}
	for _, r := range replies {
		row, err := outbox.Find(app, outbox.SMS, r.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		statuses[row.GetString("status")+"/"+strconv.Itoa(row.GetInt("attempts"))]++
	}
	if requests.Load() != 1 || statuses["sent/1"] != 1 || statuses["pending/0"] != 2 {
		t.Fatalf("after Stop: %d requests, rows %v; want the one under way sent and two handed back", requests.Load(), statuses)
	}

	again := scheduler.New(app, texts())
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); requests.Load() < 3 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	again.Stop()
	if n := requests.Load(); n != 3 {
		t.Fatalf("%d requests after a restart, want 3 (each SMS once)", n)
	}
}
