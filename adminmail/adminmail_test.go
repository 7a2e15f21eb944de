package adminmail_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/adminmail"
	"anubhav/outbox"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// The superusers hear of a replica that has fallen behind and of a failed nightly backup in
// one mail, in Hindi and English, through the outbox: once per event, and at most one mail an
// hour however often the events come.
func TestTheSuperusersHearOfReplicationAndBackupFailuresOnce(t *testing.T) {
	app, _ := testapp.New(t)
	mail := mailtest.Start(t)
	mail.Use(app)
	box := outbox.New(app, outbox.Config{Kinds: map[string]outbox.Kind{outbox.Admin: adminmail.Delivery()}})

	// PocketBase's nightly backup fails (its folder cannot be made): the hook queues the mail;
	// a backup made by hand in the dashboard shows its error there, and queues nothing.
	if err := os.WriteFile(filepath.Join(app.DataDir(), core.LocalBackupsDirName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := app.CreateBackup(context.Background(), "by_hand.zip"); err == nil {
		t.Fatal("a backup into a file went ahead")
	}
	nightly := "@auto_pb_backup_anubhav_20261204013000.zip"
	if err := app.CreateBackup(context.Background(), nightly); err == nil {
		t.Fatal("a backup into a file went ahead")
	}
	since := time.Date(2026, 12, 4, 3, 30, 0, 0, time.UTC) // 09:00 in Asia/Kolkata
	for range 2 {
		if err := adminmail.Replication(app, since); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := box.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := mail.To(testapp.Superuser)
	if len(got) != 1 || len(mail.Messages()) != 1 {
		t.Fatalf("%d mails to the superuser, %d in all; want one", len(got), len(mail.Messages()))
	}
	m := got[0]
	for _, want := range []string{
		"डेटाबेस की प्रति पीछे चल रही है", "the replica of the database has been falling behind", "09:00",
		"रात का बैकअप " + nightly, "The nightly backup " + nightly + " failed",
		"anubhav replicate", "/_/#/logs",
	} {
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("the mail lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.Text, "by_hand") || !strings.Contains(m.Subject, "Anubhav") || !strings.Contains(m.Subject, "अनुभव") {
		t.Errorf("subject %q, text:\n%s", m.Subject, m.Text)
	}

	// a new episode within the hour waits for the hour's end
	if err := adminmail.Replication(app, since.Add(20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := box.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(mail.Messages()); n != 1 {
		t.Errorf("%d mails within the hour, want 1", n)
	}
}
