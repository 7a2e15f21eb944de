package deadlines_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"anubhav/appconfig"
	"anubhav/deadlines"
	"anubhav/testapp"
)

func TestOverdueQueriesAgreeWithOverdue(t *testing.T) {
	app, f := testapp.New(t)
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	// a-exp arrived 3 days ago, b-exp 10 days ago and is in review, c-exp 10 days ago and done.
	age := map[string]struct {
		days   int
		status string
	}{"a-exp": {3, "new"}, "b-exp": {10, "in_review"}, "c-exp": {10, "action_taken"}, "d-exp": {0, "new"}}
	for name, a := range age {
		created := time.Now().Add(-time.Duration(a.days) * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().NewQuery("UPDATE feedback SET created={:c}, status={:s} WHERE id={:id}").
			Bind(dbx.Params{"c": created, "s": a.status, "id": f.Items[name]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(e dbx.Expression) []string {
		var ids []string
		if err := app.DB().Select("id").From("feedback").Where(e).Column(&ids); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	now := time.Now()
	review := count(deadlines.OverdueForReview("", cfg, now))
	action := count(deadlines.OverdueForAction("", cfg, now))
	// Review within 1 day: a-exp (new, 3 days). Action within 7 days: b-exp only.
	if len(review) != 1 || review[0] != f.Items["a-exp"] {
		t.Errorf("overdue for review: %v, want only a-exp", review)
	}
	if len(action) != 1 || action[0] != f.Items["b-exp"] {
		t.Errorf("overdue for action: %v, want only b-exp", action)
	}
	// Combined in one query, each condition keeps its own deadline.
	if either := count(dbx.Or(deadlines.OverdueForReview("", cfg, now), deadlines.OverdueForAction("", cfg, now))); len(either) != 2 {
		t.Errorf("overdue for review or action: %v, want a-exp and b-exp", either)
	}
	if r, a := deadlines.Overdue("new", now.Add(-3*24*time.Hour), now, cfg); !r || a {
		t.Errorf("Overdue(new, 3 days) = %v %v, want review only", r, a)
	}
	if r, a := deadlines.Overdue("in_review", now.Add(-8*24*time.Hour), now, cfg); r || !a {
		t.Errorf("Overdue(in_review, 8 days) = %v %v, want action only", r, a)
	}
}
