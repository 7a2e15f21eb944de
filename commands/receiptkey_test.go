package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"anubhav/citizen"
	"anubhav/receipt"
	"anubhav/testkit/testapp"
)

// `receipt-key new` refuses without --yes and says what it breaks; with --yes it makes a new
// key, and a receipt given before no longer tracks.
func TestReceiptKeyNewBreaksTheReceiptsGiven(t *testing.T) {
	app, f := testapp.New(t)
	number, _ := receipt.New()
	hash, err := receipt.Hash(app, number)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("UPDATE feedback SET receipt_hash = {:h} WHERE id = {:id}").
		Bind(dbx.Params{"h": hash, "id": f.Items["a-exp"]}).Execute(); err != nil {
		t.Fatal(err)
	}
	tracks := func() bool {
		t.Helper()
		s, err := citizen.Lookup(app, receipt.Format(number))
		if err != nil {
			t.Fatal(err)
		}
		return s != nil
	}
	if !tracks() {
		t.Fatal("the receipt does not track to begin with")
	}
	path := filepath.Join(app.DataDir(), receipt.KeyFile)
	old, _ := os.ReadFile(path)

	run := func(args ...string) (string, error) {
		cmd := receiptKeyCommand(app)
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return out.String(), err
	}
	_, err = run("new")
	if err == nil || !strings.Contains(err.Error(), "--yes") || !strings.Contains(err.Error(), "every receipt already given (1)") {
		t.Fatalf("without --yes: %v", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, old) || !tracks() {
		t.Fatal("without --yes the key changed")
	}

	out, err := run("new", "--yes")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "no longer work") || !strings.Contains(out, "put it back to undo") {
		t.Errorf("output:\n%s", out)
	}
	if now, _ := os.ReadFile(path); bytes.Equal(now, old) || len(now) == 0 {
		t.Fatal("no new key written")
	}
	if tracks() {
		t.Fatal("a receipt given before still tracks: the key was not replaced")
	}
}
