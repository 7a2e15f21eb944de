package smtpmail_test

import (
	"context"
	"strings"
	"testing"

	"anubhav/smtpmail"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

func message(to string) smtpmail.Message {
	return smtpmail.Message{To: to, Name: "SP Durg", Subject: "रिपोर्ट: 3 फ़ीडबैक", HTML: "<p>तीन</p>", Text: "तीन"}
}

func TestAConnectionUsesTheSettingsForSeveralMessages(t *testing.T) {
	app, _ := testapp.New(t)
	if _, err := smtpmail.Dial(context.Background(), app); err == nil || !strings.Contains(err.Error(), "Settings → Mail settings") {
		t.Fatalf("with SMTP off: %v", err)
	}

	smtp := mailtest.Start(t)
	smtp.Use(app)
	smtp.RequireAuth(app, "anubhav", "s3cret")
	conn, err := smtpmail.Dial(context.Background(), app)
	if err != nil {
		t.Fatal(err)
	}
	errs := []error{conn.Send(message("a@test.local")), conn.Send(message("not an address")), conn.Send(message("b@test.local"))}
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	if errs[0] != nil || errs[1] == nil || errs[2] != nil {
		t.Fatalf("errors %v; want only the bad address refused", errs)
	}
	got := smtp.Messages()
	if len(got) != 2 || smtp.Connections() != 1 {
		t.Fatalf("%d mails over %d connections, want 2 over 1", len(got), smtp.Connections())
	}
	m := got[0]
	if m.Subject != "रिपोर्ट: 3 फ़ीडबैक" || m.Text != "तीन" || m.HTML != "<p>तीन</p>" || m.From != mailtest.Sender {
		t.Fatalf("received %+v", m)
	}

	app.Settings().SMTP.Password = "wrong"
	if _, err := smtpmail.Dial(context.Background(), app); err == nil || !strings.Contains(err.Error(), "535") {
		t.Fatalf("with a wrong password: %v", err)
	}
}
