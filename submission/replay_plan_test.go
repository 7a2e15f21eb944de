package submission_test

import (
	"strings"
	"testing"

	"anubhav/submission"
	"anubhav/testkit/testapp"
)

// A resend is found through an index, never by reading every item: at a state's 10,000,000
// items a scan per resend is ten seconds of the only writer's time.
func TestAResendIsFoundThroughAnIndex(t *testing.T) {
	app, _ := testapp.New(t)
	q := submission.ByReceiptAndToken(app, "a-hash", "a-token").Build()
	var plan []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL()).Bind(q.Params()).All(&plan); err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, p := range plan {
		said = append(said, p.Detail)
	}
	if got := strings.Join(said, "; "); !strings.Contains(got, "USING INDEX") || strings.Contains(got, "SCAN") {
		t.Errorf("the resend's lookup: %s", got)
	}
}
