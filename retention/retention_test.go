package retention_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/retention"
	"anubhav/testkit/testapp"
)

func TestContactsGoAfterTheRetentionPeriod(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	now := time.Now()
	set := func(item, status string, closedDaysAgo int) {
		closed := now.Add(-time.Duration(closedDaysAgo) * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().Update("feedback", dbx.Params{"status": status, "closed_at": closed}, dbx.HashExp{"id": f.Items[item]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	set("a-exp", "closed", 181)      // past the default 180 days: goes
	set("a-complaint", "closed", 30) // recently closed: stays
	set("c-exp", "in_review", 400)   // still open, however old: stays

	n, err := retention.PurgeContacts(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("purged %d contacts, want 1", n)
	}
	if _, err := app.FindRecordById("contacts", f.Contacts["a-exp"]); err == nil {
		t.Error("the contact of an item closed 181 days ago is still there")
	}
	for _, kept := range []string{"a-complaint", "c-exp"} {
		if _, err := app.FindRecordById("contacts", f.Contacts[kept]); err != nil {
			t.Errorf("the contact of %s was deleted: %v", kept, err)
		}
	}
	if _, err := app.FindRecordById("feedback", f.Items["a-exp"]); err != nil {
		t.Errorf("the item itself must stay: %v", err)
	}
}
