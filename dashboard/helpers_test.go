package dashboard_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/testkit/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// ist is the fixture deployment's time zone.
var ist, _ = time.LoadLocation("Asia/Kolkata")

// daysAgo is the local date n days before today.
func daysAgo(n int) string { return time.Now().In(ist).AddDate(0, 0, -n).Format(time.DateOnly) }

// get asks the dashboard as an officer (by email) and reads its JSON answer.
func get(t *testing.T, srv *httptest.Server, fx *testapp.Fixture, who, query string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/console/dashboard?"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", fx.Tokens[who])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s ?%s: not JSON: %s", who, query, raw)
	}
	return res.StatusCode, body
}

// item stores an item at a station, arrived n days ago at noon (local).
func item(t *testing.T, app core.App, station, kind string, rating int, channel string, daysBack int, answers map[string]any) *core.Record {
	t.Helper()
	local := time.Now().In(ist)
	noon := time.Date(local.Year(), local.Month(), local.Day()-daysBack, 12, 0, 0, 0, ist)
	return testapp.Item(t, app, station, kind, rating, channel, noon, answers)
}

// path reads a value down a JSON answer: keys of objects, indexes of arrays.
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}
