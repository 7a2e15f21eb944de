package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/digest"
	"anubhav/schema"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// addYesterday stores an item of yesterday (in the district's time zone) at the fixture's st-a.
func addYesterday(t testing.TB, app core.App, kind string, rating int, flags []string, comment string) {
	t.Helper()
	cfg, err := appconfig.Get(app)
	if err != nil {
		t.Fatal(err)
	}
	addAt(t, app, digest.Yesterday(time.Now(), cfg.Location).Start.Add(11*time.Hour), kind, rating, flags, comment)
}

// addAt stores an item that arrived at the given time at the fixture's st-a.
func addAt(t testing.TB, app core.App, at time.Time, kind string, rating int, flags []string, comment string) {
	t.Helper()
	f := testapp.Fixtures(t)
	col, _ := app.FindCollectionByNameOrId(schema.Feedback)
	r := core.NewRecord(col)
	r.Load(map[string]any{"station": f.Stations["st-a"], "kind": kind, "rating": rating, "flags": flags, "comment": comment,
		"channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew})
	created, _ := types.ParseDateTime(at)
	r.SetRaw("created", created)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

func TestDigestPreviewShowsEachOfficerTheirOwnDigest(t *testing.T) {
	f := testapp.Fixtures(t)
	seed := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		addYesterday(t, app, schema.KindExperience, 1, []string{schema.FlagNegative}, "Nobody at the front desk")
		addYesterday(t, app, schema.KindComplaint, 0, []string{schema.FlagUrgent}, "The SHO threatened my brother")
	}
	yesterday := digest.Yesterday(time.Now(), mustIST(t)).Date
	cases := []struct {
		who      string
		status   int
		expected []string
		not      []string
	}{
		{anonymous, http.StatusUnauthorized, []string{`"data":{}`}, nil},
		{testapp.Superuser, http.StatusForbidden, []string{`"data":{}`}, nil},
		{testapp.StationA, http.StatusOK, []string{`"day":"` + yesterday + `"`, `"subject":"Anubhav digest`, "1 response;", "Nobody at the front desk"},
			[]string{"SHO threatened", "complaint", "9876543210"}},
		{testapp.SDO, http.StatusOK, []string{"2 responses;", "The SHO threatened my brother", "Nobody at the front desk", `"html":"`, `"text":"`},
			[]string{"9876543210"}},
		{testapp.OtherSP, http.StatusOK, []string{"0 responses;"}, []string{"SHO threatened", "front desk"}},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:               "preview as " + c.who,
			Method:             http.MethodGet,
			URL:                "/api/digest/preview",
			Headers:            map[string]string{},
			ExpectedStatus:     c.status,
			ExpectedContent:    c.expected,
			NotExpectedContent: c.not,
			TestAppFactory:     func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
			BeforeTestFunc:     seed,
		}
		if c.who != anonymous {
			s.Headers["Authorization"] = f.Tokens[c.who]
		}
		s.Test(t)
	}
}

func mustIST(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestAnUrgentItemIsMailedAtOnceWhileTheServerRuns(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	testapp.Serve(t, app) // starts the scheduler, as `serve` does
	addAt(t, app, time.Now(), schema.KindComplaint, 0, []string{schema.FlagUrgent}, "threat")

	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		urgent := 0
		for _, m := range smtp.Messages() {
			if strings.HasPrefix(m.Subject, "Urgent feedback") {
				urgent++
			}
		}
		if urgent == 2 { // the SDO of s1 and the SP of d1
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no urgent alerts within 10 s; mails: %v", smtp.Messages())
}
