package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/digest"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// digests is an outbox of digests on a clock of the test's.
func digests(app core.App, now time.Time) *outbox.Outbox {
	return outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Digest: digest.Delivery()},
		Now: func() time.Time { return now }})
}

// sendDue runs the scheduler's job at a moment of the test's clock: the digests due are
// queued, and the outbox drained.
func sendDue(t *testing.T, app core.App, now time.Time) []outbox.Attempt {
	t.Helper()
	if _, err := digest.EnqueueDue(app, now); err != nil {
		t.Fatal(err)
	}
	attempts, err := digests(app, now).Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return attempts
}

func digestRows(t *testing.T, app core.App) []*core.Record {
	t.Helper()
	rows, err := app.FindAllRecords(schema.Digests)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTheDigestGoesOutOnceToEachOfficer(t *testing.T) {
	app, f := testapp.New(t)
	ids := seedDay(t, app, f)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	hindi := officer(t, app, testapp.StationB)
	hindi.Set("lang", schema.LangHindi)
	if err := app.Save(hindi); err != nil {
		t.Fatal(err)
	}

	if out := sendDue(t, app, at("2025-06-11", 7, 59)); len(out) != 0 || len(smtp.Messages()) != 0 {
		t.Fatalf("before 08:00 nothing is due; got %+v", out)
	}
	sendDue(t, app, at("2025-06-11", 8, 0))
	if n := smtp.Connections(); n != 1 {
		t.Fatalf("%d SMTP connections for one batch, want 1", n)
	}
	want := map[string]string{
		testapp.SP:       "6 responses; needs action: 1 urgent, 1 negative",
		testapp.SDO:      "5 responses; needs action: 1 urgent, 1 negative",
		testapp.StationA: "2 responses; needs action: 1 negative",
		testapp.StationB: "1 फ़ीडबैक; कोई कार्रवाई बाकी नहीं",
		testapp.OtherSP:  "1 response; needs action: 1 negative",
		testapp.IG:       "7 responses; needs action: 1 urgent, 2 negative",
	}
	for email, subject := range want {
		got := smtp.To(email)
		if len(got) != 1 {
			t.Fatalf("%s got %d digests, want 1", email, len(got))
		}
		m := got[0]
		if !strings.Contains(m.Subject, subject) || m.From != mailtest.Sender || m.Text == "" || !strings.Contains(m.HTML, "</html>") {
			t.Fatalf("%s: subject %q (want %q), from %s, text %d bytes, html %d bytes", email, m.Subject, subject, m.From, len(m.Text), len(m.HTML))
		}
		for _, private := range []string{"9876543210", "Citizen "} {
			if strings.Contains(m.Text+m.HTML, private) {
				t.Fatalf("%s's digest holds a contact (%q)", email, private)
			}
		}
	}
	if m := smtp.To(testapp.SP)[0]; !strings.Contains(m.Text, "The munshi asked for a bribe") ||
		!strings.Contains(m.Text, "https://anubhav.district.test/console/#/item/"+ids["a-complaint"]) || !strings.Contains(m.Text, "13:00") ||
		!strings.Contains(m.Subject, "Tue 10 Jun 2025") {
		t.Fatalf("the SP's digest lacks the urgent complaint, its link, its time or the day:\n%s\n%s", m.Subject, m.Text)
	}
	if m := smtp.To(testapp.StationA)[0]; strings.Contains(m.Text+m.HTML, "bribe") || strings.Contains(m.Text+m.HTML, "Liquor") ||
		strings.Contains(m.Text+m.HTML, "omplaint") || strings.Contains(m.Text, "12:00") || !strings.Contains(m.Text, "Nobody listened") {
		t.Fatalf("the station's digest must show its negative experience, by date only, and no complaint or tip:\n%s", m.Text)
	}
	if m := smtp.To(testapp.StationB)[0]; !strings.Contains(m.Subject, "10 जून 2025") || !strings.Contains(m.Text, "थानेवार फ़ीडबैक") {
		t.Fatalf("the Hindi digest: %q\n%s", m.Subject, m.Text)
	}
	for _, row := range digestRows(t, app) {
		if row.GetString("day") != day || row.GetString("status") != schema.DigestSent || row.GetInt("attempts") != 1 || row.GetDateTime("sent_at").IsZero() {
			t.Fatalf("digest row %v", row.PublicExport())
		}
	}

	// Later ticks of the day, and the command for the same day, send nothing again.
	sendDue(t, app, at("2025-06-11", 8, 1))
	sendDue(t, app, at("2025-06-11", 20, 0))
	d0, _ := digest.DayOf(day, ist)
	officers, _ := digest.Recipients(app, "")
	out, err := digest.Send(context.Background(), app, digests(app, time.Now()), d0, officers, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if o.Status != digest.Skipped {
			t.Fatalf("re-sending %s: %+v", o.Email, o)
		}
	}
	if n := len(smtp.Messages()); n != len(want) {
		t.Fatalf("%d mails after re-runs, want %d", n, len(want))
	}
	if n := len(digestRows(t, app)); n != len(want) {
		t.Fatalf("%d digest rows, want %d", n, len(want))
	}
}

func TestARefusedDigestIsRetriedThenMarkedFailed(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	smtp.Refuse(550, "mailbox unavailable")
	// Only the SP gets digests in this test.
	if _, err := app.DB().NewQuery("UPDATE officers SET digest = (email = {:sp})").Bind(dbx.Params{"sp": testapp.SP}).Execute(); err != nil {
		t.Fatal(err)
	}

	now := at("2025-06-11", 8, 0)
	tries := 0
	for step := 0; step < 40; step++ {
		out := sendDue(t, app, now)
		if len(out) == 1 && out[0].Err != nil {
			tries++
		}
		now = now.Add(10 * time.Minute) // the scheduler ticks every minute; 10 is enough here
	}
	maxAttempts := digest.Delivery().Attempts
	if tries != maxAttempts || smtp.Refused() != maxAttempts {
		t.Fatalf("%d tries (%d refused by the server), want %d, spread over the day", tries, smtp.Refused(), maxAttempts)
	}
	rows := digestRows(t, app)
	if len(rows) != 1 || rows[0].GetString("status") != schema.DigestFailed || rows[0].GetInt("attempts") != maxAttempts ||
		!strings.Contains(rows[0].GetString("last_error"), "550") {
		t.Fatalf("digest rows %v", rows)
	}

	// Once the server takes mail again, the command sends it (the scheduler gave up on it).
	smtp.Refuse(0, "")
	d0, _ := digest.DayOf(day, ist)
	officers, _ := digest.Recipients(app, testapp.SP)
	out, err := digest.Send(context.Background(), app, digests(app, now), d0, officers, now)
	if err != nil || len(out) != 1 || out[0].Status != schema.DigestSent || len(smtp.To(testapp.SP)) != 1 {
		t.Fatalf("re-send after failure: %+v, %v; %d mails", out, err, len(smtp.To(testapp.SP)))
	}
	row, _ := app.FindRecordById(schema.Digests, rows[0].Id)
	if row.GetString("status") != schema.DigestSent || row.GetString("last_error") != "" {
		t.Fatalf("row after re-send: %v", row.PublicExport())
	}
}

func TestAnUnreachableServerFailsEveryDigestOfTheBatch(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	app.Settings().SMTP.Port = 1 // nothing listens there
	out := sendDue(t, app, at("2025-06-11", 9, 0))
	if len(out) != 6 {
		t.Fatalf("%d outcomes, want one per officer with the digest on (6)", len(out))
	}
	for _, o := range out {
		if o.Row.GetString("status") != outbox.Failed || !strings.Contains(o.Err.Error(), "connecting to the SMTP server") {
			t.Fatalf("%v: %v", o.Row.PublicExport(), o.Err)
		}
	}
}

func TestNothingIsClaimedWhileMailIsOff(t *testing.T) {
	app, _ := testapp.New(t)
	if _, err := digest.EnqueueDue(app, at("2025-06-11", 9, 0)); err == nil || !strings.Contains(err.Error(), "Mail settings") {
		t.Fatalf("EnqueueDue with SMTP off: %v", err)
	}
	if n := len(digestRows(t, app)); n != 0 {
		t.Fatalf("%d digest rows while mail is off; they would go out days late once it is on", n)
	}
}
