package alerts_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/alerts"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// newItem stores an item as the citizen's route would; the hooks queue its alerts.
func newItem(t *testing.T, app core.App, f *testapp.Fixture, station, kind string, flags ...string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(schema.Feedback)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"station": f.Stations[station], "kind": kind, "flags": flags, "comment": "SECRET TEXT of the citizen",
		"channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func queued(t *testing.T, app core.App, f *testapp.Fixture, item string) []string {
	t.Helper()
	rows, err := app.FindRecordsByFilter(outbox.Collection, "kind = 'alert' && ref = {:item}", "", 0, 0, map[string]any{"item": item})
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, r := range rows {
		for email, id := range f.Officers {
			if id == r.GetString("recipient") {
				emails = append(emails, email)
			}
		}
	}
	return emails
}

func TestAnUrgentItemAlertsTheSubdivisionAndTheDistrictOfItsStation(t *testing.T) {
	app, f := testapp.New(t)
	cases := []struct {
		station, kind string
		flags         []string
		want          []string
	}{
		{"st-a", schema.KindComplaint, []string{schema.FlagUrgent}, []string{testapp.SDO, testapp.SP}},
		{"st-d", schema.KindExperience, []string{schema.FlagUrgent, schema.FlagNegative}, []string{testapp.SP}},
		{"st-c", schema.KindTip, []string{schema.FlagUrgent}, []string{testapp.OtherSP}},
		{"st-a", schema.KindExperience, []string{schema.FlagNegative}, nil},
	}
	for _, c := range cases {
		item := newItem(t, app, f, c.station, c.kind, c.flags...)
		got := queued(t, app, f, item.Id)
		slices.Sort(got)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Fatalf("%s %s %v: alerts for %v, want %v", c.station, c.kind, c.flags, got, c.want)
		}
	}

	// An urgent item stored with a past date (demo data, an import) is no news.
	col, _ := app.FindCollectionByNameOrId(schema.Feedback)
	old := core.NewRecord(col)
	old.Load(map[string]any{"station": f.Stations["st-a"], "kind": schema.KindComplaint, "flags": []string{schema.FlagUrgent},
		"channel": schema.ChannelQR, "status": schema.StatusNew})
	created, _ := types.ParseDateTime(time.Now().Add(-3 * 24 * time.Hour))
	old.SetRaw("created", created)
	if err := app.Save(old); err != nil {
		t.Fatal(err)
	}
	if got := queued(t, app, f, old.Id); len(got) != 0 {
		t.Fatalf("an item of 3 days ago raised alerts for %v", got)
	}

	// An item the police mark urgent later is alerted then, once.
	item := newItem(t, app, f, "st-b", schema.KindExperience)
	item.Set("flags", []string{schema.FlagUrgent})
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	item.Set("status", schema.StatusInReview)
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	if got := queued(t, app, f, item.Id); len(got) != 2 {
		t.Fatalf("marked urgent later: alerts for %v, want the SDO and the SP once each", got)
	}
}

// flush drains the outbox's alerts at a moment of the test's clock, as the scheduler does
// every minute.
func flush(t *testing.T, app core.App, now time.Time) {
	t.Helper()
	box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Alert: alerts.Delivery()},
		Now: func() time.Time { return now }})
	if _, err := box.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestABurstBecomesOneMailPerOfficerPerWindow(t *testing.T) {
	app, f := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	first := newItem(t, app, f, "st-a", schema.KindComplaint, schema.FlagUrgent)
	now := time.Now()
	flush(t, app, now)
	for _, email := range []string{testapp.SDO, testapp.SP} {
		got := smtp.To(email)
		if len(got) != 1 {
			t.Fatalf("%s got %d alerts at once, want 1", email, len(got))
		}
		m := got[0]
		if !strings.Contains(m.Subject, "Urgent feedback: Station st-a") || !strings.Contains(m.Text, "Complaint") ||
			!strings.Contains(m.Text, "https://anubhav.district.test/console/#/item/"+first.Id) {
			t.Fatalf("alert to %s: %q\n%s", email, m.Subject, m.Text)
		}
		if strings.Contains(m.Text+m.HTML, "SECRET") || strings.Contains(m.Text+m.HTML, "9876543210") {
			t.Fatalf("an alert holds the citizen's text or contact:\n%s", m.Text)
		}
	}
	if n := len(smtp.To(testapp.IG)) + len(smtp.To(testapp.StationA)); n != 0 {
		t.Fatalf("the range and the station got %d alerts", n)
	}

	// A burst within the window waits for its end and goes out as one mail.
	for range 3 {
		newItem(t, app, f, "st-b", schema.KindTip, schema.FlagUrgent)
	}
	flush(t, app, now.Add(time.Minute))
	flush(t, app, now.Add(9*time.Minute))
	if n := len(smtp.To(testapp.SP)); n != 1 {
		t.Fatalf("the SP got %d mails within the window, want still 1", n)
	}
	flush(t, app, now.Add(alerts.Window))
	for _, email := range []string{testapp.SDO, testapp.SP} {
		got := smtp.To(email)
		if len(got) != 2 || strings.Count(got[1].Text, "/console/#/item/") != 3 || !strings.Contains(got[1].Subject, "(3)") {
			t.Fatalf("%s: %d mails; the second should list the 3 items of the burst:\n%v", email, len(got), got)
		}
	}
	flush(t, app, now.Add(time.Hour))
	if n := len(smtp.Messages()); n != 4 {
		t.Fatalf("%d mails in all, want 4", n)
	}
}

func TestAnAlertTheServerRefusesIsKeptAndSentLater(t *testing.T) {
	app, f := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	smtp.Refuse(451, "try again later")
	item := newItem(t, app, f, "st-d", schema.KindComplaint, schema.FlagUrgent)
	now := time.Now()
	flush(t, app, now)
	rows, _ := app.FindRecordsByFilter(outbox.Collection, "ref = {:item}", "", 0, 0, map[string]any{"item": item.Id})
	if len(rows) != 1 || rows[0].GetString("status") != outbox.Failed || rows[0].GetInt("attempts") != 1 ||
		!strings.Contains(rows[0].GetString("last_error"), "451") || rows[0].GetDateTime("next_attempt").IsZero() {
		t.Fatalf("after a refusal: %v", rows)
	}
	smtp.Refuse(0, "")
	flush(t, app, now.Add(30*time.Second)) // its back-off is not over
	if got := smtp.To(testapp.SP); len(got) != 0 {
		t.Fatalf("the SP got %d alerts before the retry", len(got))
	}
	flush(t, app, now.Add(time.Minute))
	if got := smtp.To(testapp.SP); len(got) != 1 {
		t.Fatalf("the SP got %d alerts once the server took mail again, want 1", len(got))
	}
	row, _ := app.FindRecordById(outbox.Collection, rows[0].Id)
	if row.GetString("status") != outbox.Sent || row.GetInt("attempts") != 2 {
		t.Fatalf("alert row %v", row.PublicExport())
	}
}
