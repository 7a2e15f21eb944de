package report_test

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/stamp"
	"anubhav/testkit/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// ist is the fixture deployment's time zone.
var ist, _ = time.LoadLocation("Asia/Kolkata")

// lastMonth is the first day of the month before this one (local).
func lastMonth() time.Time {
	now := time.Now().In(ist)
	return time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, ist)
}

// ym is a month as the report's parameter writes it.
func ym(t time.Time) string { return t.Format("2006-01") }

// get asks a console route as an officer (by email): its status and body.
func get(t *testing.T, srv *httptest.Server, fx *testapp.Fixture, who, path string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", fx.Tokens[who])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, body
}

// getJSON asks a console route for JSON.
func getJSON(t *testing.T, srv *httptest.Server, fx *testapp.Fixture, who, path string) (int, map[string]any) {
	t.Helper()
	status, raw := get(t, srv, fx, who, path)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s: not JSON: %s", path, raw)
	}
	return status, body
}

// officer is the fixture officer with an email.
func officer(t *testing.T, app core.App, email string) *core.Record {
	t.Helper()
	o, err := app.FindAuthRecordByEmail(schema.Officers, email)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// done counts the actions fill had the SPs take, by district and month: what the report's
// "actions" must say.
type done map[string]map[string]*struct{ instructions, replies, closures int }

// fill adds items at every station of the fixture in each of some months, of every kind
// and channel, and has the SPs instruct, reply to and close some of them two hours after each
// arrived.
func fill(t *testing.T, app core.App, fx *testapp.Fixture, months ...time.Time) done {
	t.Helper()
	counts := done{}
	rng := rand.New(rand.NewPCG(7, 11))
	sp := map[string]*core.Record{}
	for _, email := range []string{testapp.SP, testapp.OtherSP} {
		o := officer(t, app, email)
		sp[o.GetString("area")] = o
	}
	actions := []string{schema.ActionInstruction, schema.ActionReply, schema.ActionClose, schema.ActionReview}
	for _, m := range months {
		for range 40 {
			station := []string{"st-a", "st-b", "st-c", "st-d", "st-a", "st-off"}[rng.IntN(6)]
			kind := []string{schema.KindExperience, schema.KindExperience, schema.KindComplaint, schema.KindTip}[rng.IntN(4)]
			rating := 0
			if kind == schema.KindExperience {
				rating = 1 + rng.IntN(5)
			}
			at := m.AddDate(0, 0, rng.IntN(28)).Add(time.Duration(9+rng.IntN(10)) * time.Hour)
			r := testapp.Item(t, app, fx.Stations[station], kind, rating, schema.Channels[rng.IntN(3)], at,
				map[string]any{"staff_helped": []string{"yes", "no"}[rng.IntN(2)], "purpose": "fir"})
			if rng.IntN(2) == 1 {
				continue
			}
			a := console.Action{Name: actions[rng.IntN(len(actions))], Body: "Seen"}
			f, err := console.Act(app, sp[r.GetString("district")], r.Id, a)
			if err != nil {
				continue // not allowed on this item (e.g. a reply to a tip-off)
			}
			if _, err := app.DB().Update(schema.Followups, dbx.Params{"created": stamp.DB(at.Add(2 * time.Hour))},
				dbx.HashExp{"id": f.Id}).Execute(); err != nil {
				t.Fatal(err)
			}
			district, month := r.GetString("district"), ym(m)
			if counts[district] == nil {
				counts[district] = map[string]*struct{ instructions, replies, closures int }{}
			}
			if counts[district][month] == nil {
				counts[district][month] = &struct{ instructions, replies, closures int }{}
			}
			c := counts[district][month]
			switch a.Name {
			case schema.ActionInstruction:
				c.instructions++
			case schema.ActionReply:
				c.replies++
			case schema.ActionClose:
				c.closures++
			}
		}
	}
	return counts
}
