// Package sidebyside measures citizens' submissions against PocketBase's own record create of
// the same row, side by side in one process, on any app: the test fixture or a bulk data set.
package sidebyside

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/abuse"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

const clients, rounds = 32, 5

// Bench is the two sides of the comparison, served on loopback.
type Bench struct {
	app   core.App
	sides []*side
}

// New makes ready to measure POST /api/feedback against PocketBase's own record create
// (POST /api/collections/bench_plain/records: a base collection with createRule "" and the
// feedback collection's fields and indexes, so that both sides write the same row into the
// same table shape), over real HTTP on loopback, the posts going to the given stations (codes)
// in turn. The rate limiter is off on both sides (it would refuse a load test); the request log
// is on, as on an appliance. An app is served once: make one Bench per app.
func New(tb testing.TB, app core.App, stations []string) *Bench {
	tb.Helper()
	app.Settings().RateLimits.Enabled = false
	app.Settings().Logs.MaxDays = 7
	if err := plainCollection(app); err != nil {
		tb.Fatal(err)
	}
	srv := testapp.Serve(tb, app)
	http.DefaultTransport.(*http.Transport).MaxIdleConnsPerHost = clients

	// the plain side writes the same row: the station and its sub-division, district, range
	lineage := make([]map[string]any, len(stations))
	for i, code := range stations {
		st, err := app.FindFirstRecordByData(schema.Stations, "code", code)
		if err != nil {
			tb.Fatal(err)
		}
		lineage[i] = map[string]any{"station": st.Id, "subdivision": st.GetString("subdivision"),
			"district": st.GetString("district"), "range": st.GetString("range")}
	}
	feedbackBody := func(i int) []byte { return Post(app, stations[i%len(stations)], i) }
	plainBody := func(i int) []byte {
		row := map[string]any{"kind": "experience", "rating": 1 + i%5, "lang": "hi",
			"comment": comment, "answers": answers, "channel": "qr", "status": "new"}
		for k, v := range lineage[i%len(stations)] {
			row[k] = v
		}
		raw, _ := json.Marshal(row)
		return raw
	}
	return &Bench{app: app, sides: []*side{
		{name: "plain", url: srv.URL + "/api/collections/bench_plain/records", body: plainBody},
		{name: "feedback", url: srv.URL + "/api/feedback", body: feedbackBody},
	}}
}

// Measure sends b.N posts per side and round from 32 concurrent clients, in alternating rounds
// so that neither side gets a warmer machine, then looks every acknowledged submission up in
// the database. Run it with a fixed count (-benchtime 1000x).
func (bench *Bench) Measure(b *testing.B) {
	sides := bench.sides
	for _, s := range sides { // a benchmark runs once with b.N = 1 first
		s.latencies, s.elapsed, s.acked = nil, 0, nil
	}
	b.ResetTimer()
	for range rounds {
		for _, s := range sides {
			s.run(b, b.N)
		}
	}
	b.StopTimer()

	// None lost: every acknowledged item is in the database.
	for _, id := range sides[0].acked {
		if _, err := bench.app.FindRecordById("bench_plain", id); err != nil {
			b.Fatalf("plain record %s acknowledged but missing", id)
		}
	}
	for _, r := range sides[1].acked {
		testapp.ItemOf(b, bench.app, r)
	}

	b.ReportMetric(sides[0].rate(), "plain-req/s")
	b.ReportMetric(sides[1].rate(), "feedback-req/s")
	b.ReportMetric(100*sides[1].rate()/sides[0].rate(), "ratio-%")
	b.ReportMetric(sides[0].quantile(50), "plain-p50-ms")
	b.ReportMetric(sides[1].quantile(50), "feedback-p50-ms")
	b.ReportMetric(sides[0].quantile(99), "plain-p99-ms")
	b.ReportMetric(sides[1].quantile(99), "feedback-p99-ms")
	b.ReportMetric(float64(len(sides[1].acked)), "feedback-acked")
	b.ReportMetric(0, "ns/op")
}

var answers = map[string]any{"purpose": "fir", "staff_available": "yes", "staff_helped": "yes", "behaviour": 4, "problem_solved": "yes"}

const comment = "थाने में स्टाफ ने ठीक से बात की, काम जल्दी हुआ।"

// Post is the JSON body of the i-th citizen's experience item at a station (its code), with
// the default questionnaire's required answers and a form token of its own, served a minute
// ago, as the form page would have given it.
func Post(app core.App, station string, i int) []byte {
	token, _ := abuse.NewToken(app, station, time.Now().Add(-time.Minute))
	raw, _ := json.Marshal(map[string]any{"station": station, "kind": "experience", "rating": 1 + i%5, "lang": "hi",
		"comment": comment, "answers": answers, "token": token})
	return raw
}

// side is one of the two routes under load.
type side struct {
	name      string
	url       string
	body      func(int) []byte
	latencies []time.Duration
	elapsed   time.Duration
	acked     []string // receipts, or record ids
}

// run sends n posts from the clients at once.
func (s *side) run(b *testing.B, n int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			ua := fmt.Sprintf("Mozilla/5.0 (Linux; Android 10; phone %d)", c)
			for i := range next {
				req, _ := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(s.body(i)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("User-Agent", ua)
				t0 := time.Now()
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Error(err)
					continue
				}
				raw, _ := io.ReadAll(res.Body)
				res.Body.Close()
				took := time.Since(t0)
				var ack struct{ Receipt, Id string }
				if res.StatusCode != http.StatusOK || json.Unmarshal(raw, &ack) != nil {
					b.Errorf("%s: %d %s", s.name, res.StatusCode, raw)
					continue
				}
				mu.Lock()
				s.latencies = append(s.latencies, took)
				s.acked = append(s.acked, ack.Receipt+ack.Id)
				mu.Unlock()
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	s.elapsed += time.Since(start)
}

func (s *side) rate() float64 { return float64(len(s.latencies)) / s.elapsed.Seconds() }

// quantile is the q-th percentile of the latencies, in milliseconds.
func (s *side) quantile(q int) float64 {
	slices.Sort(s.latencies)
	return float64(s.latencies[len(s.latencies)*q/100].Microseconds()) / 1000
}

// plainCollection makes bench_plain, a base collection with the fields and indexes of
// feedback that anyone may create in.
func plainCollection(app core.App) error {
	const from, name = schema.Feedback, "bench_plain"
	src, err := app.FindCollectionByNameOrId(from)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection(name)
	for _, field := range src.Fields {
		c.Fields.Add(field)
	}
	for _, idx := range src.Indexes {
		c.Indexes = append(c.Indexes, strings.NewReplacer("`"+from+"`", "`"+name+"`", "idx_"+from, "idx_"+name).Replace(idx))
	}
	c.CreateRule = types.Pointer("")
	return app.Save(c)
}
