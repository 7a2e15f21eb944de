package commands

import (
	"bytes"
	"strings"
	"testing"

	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

func runDigest(t *testing.T, cmd func() error, out *bytes.Buffer) string {
	t.Helper()
	out.Reset()
	if err := cmd(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return out.String()
}

func TestDigestCommandPrintsThenSendsOnce(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	var out bytes.Buffer
	execute := func(args ...string) func() error {
		return func() error {
			cmd := digestCommand(app)
			cmd.SetOut(&out)
			cmd.SetArgs(args)
			return cmd.Execute()
		}
	}

	printed := runDigest(t, execute("--date", "2025-06-10", "--officer", testapp.SP), &out)
	if !strings.Contains(printed, "To: Officer sp.d1@test.local <sp.d1@test.local>\nSubject: Anubhav digest, Tue 10 Jun 2025: 0 responses") ||
		!strings.Contains(printed, "Responses per station") || len(smtp.Messages()) != 0 {
		t.Fatalf("printing sent mail or printed:\n%s", printed)
	}

	sent := runDigest(t, execute("--date", "2025-06-10", "--send"), &out)
	if strings.Count(sent, ": sent\n") != 6 || len(smtp.Messages()) != 6 {
		t.Fatalf("--send: %d mails, output:\n%s", len(smtp.Messages()), sent)
	}
	again := runDigest(t, execute("--date", "2025-06-10", "--officer", testapp.SP, "--send"), &out)
	if !strings.Contains(again, "sp.d1@test.local: already sent for 2025-06-10") || len(smtp.Messages()) != 6 {
		t.Fatalf("a second --send: %d mails, output:\n%s", len(smtp.Messages()), again)
	}

	for _, bad := range [][]string{{"--date", "10/06/2025"}, {"--officer", "nobody@test.local"}} {
		if err := execute(bad...)(); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
