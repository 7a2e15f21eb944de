package hooks_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// world is the fixture district served by the app's real router on a loopback server, with a
// few rows more so that every private collection has something to hide:
//   - a digest of the SP (failed, with an error text) and one of station A;
//   - an urgent alert of a-complaint for the SP;
//   - a-complaint assigned to the sub-division officer, and a note of station A on a-exp;
//   - one question switched off (officers see it, citizens do not).
type world struct {
	t   testing.TB
	app *tests.TestApp
	srv *httptest.Server
	f   *testapp.Fixture
	// Digests by officer email, the outbox row of the SP's digest, the inactive question's id.
	Digests  map[string]string
	Outbox   string
	Question string
	// Questions are the ids of every question, Active those of the active ones.
	Questions, Active []string
}

// digestError is the hidden text of the SP's failed digest.
const digestError = "dial tcp 127.0.0.1:25: connection refused"

func newWorld(t testing.TB) *world {
	t.Helper()
	app, f := testapp.New(t)
	// hundreds of requests from one address in a few seconds: the limiter is not under test
	app.Settings().RateLimits.Enabled = false
	w := &world{t: t, app: app, f: f, Digests: map[string]string{}}
	save := func(collection string, data map[string]any) string {
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(data)
		if err := app.Save(r); err != nil {
			t.Fatalf("%s %v: %v", collection, data, err)
		}
		return r.Id
	}
	w.Digests[testapp.SP] = save(schema.Digests, map[string]any{"day": "2026-01-02", "officer": f.Officers[testapp.SP],
		"status": schema.DigestFailed, "attempts": 5, "last_error": digestError})
	w.Digests[testapp.StationA] = save(schema.Digests, map[string]any{"day": "2026-01-01", "officer": f.Officers[testapp.StationA],
		"status": schema.DigestSent, "attempts": 1})
	// the outbox's row of the SP's failed digest, with its error
	w.Outbox = save("outbox", map[string]any{"kind": "digest", "ref": w.Digests[testapp.SP], "recipient": f.Officers[testapp.SP],
		"status": "failed", "attempts": 5, "last_error": digestError})
	item, err := app.FindRecordById(schema.Feedback, f.Items["a-complaint"])
	if err != nil {
		t.Fatal(err)
	}
	item.Set("assigned_to", f.Officers[testapp.SDO])
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}
	save(schema.Followups, map[string]any{"feedback": f.Items["a-exp"], "author": f.Officers[testapp.StationA],
		"kind": schema.FollowupNote, "body": "Seen by the station"})
	questions, err := app.FindRecordsByFilter(schema.Questions, "", "sort", 0, 0)
	if err != nil || len(questions) < 2 {
		t.Fatalf("questions: %v", err)
	}
	last := questions[len(questions)-1]
	last.Set("active", false)
	if err := app.Save(last); err != nil {
		t.Fatal(err)
	}
	w.Question = last.Id
	for _, q := range questions {
		w.Questions = append(w.Questions, q.Id)
		if q.Id != last.Id {
			w.Active = append(w.Active, q.Id)
		}
	}
	w.srv = testapp.Serve(t, app)
	return w
}

// do sends one request as who (an officer's email, testapp.Superuser or anonymous) and
// returns the status and body.
func (w *world) do(who, method, path, body string) (int, []byte) {
	w.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, w.srv.URL+path, r)
	if err != nil {
		w.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != anonymous {
		req.Header.Set("Authorization", w.f.Tokens[who])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		w.t.Fatal(err)
	}
	return res.StatusCode, bytes.TrimSpace(raw)
}
