package hooks_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// subscriber is one client of PocketBase's realtime endpoint (server-sent events), with the
// names of the events it got.
type subscriber struct {
	mu     sync.Mutex
	events []string
}

func (s *subscriber) got() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string{}, s.events...)
}

// subscribe connects to /api/realtime as who and subscribes to topics; answers the status of
// the subscription request.
func (w *world) subscribe(t *testing.T, who string, topics ...string) (*subscriber, int) {
	t.Helper()
	res, err := http.Get(w.srv.URL + "/api/realtime")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	lines := bufio.NewScanner(res.Body)
	var clientID string
	for clientID == "" && lines.Scan() {
		if data, ok := strings.CutPrefix(lines.Text(), "data:"); ok {
			var connect struct{ ClientID string }
			if err := json.Unmarshal([]byte(data), &connect); err != nil {
				t.Fatalf("PB_CONNECT: %s", data)
			}
			clientID = connect.ClientID
		}
	}
	s := &subscriber{}
	go func() {
		for lines.Scan() {
			if name, ok := strings.CutPrefix(lines.Text(), "event:"); ok {
				s.mu.Lock()
				s.events = append(s.events, name)
				s.mu.Unlock()
			}
		}
	}()
	body, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": topics})
	status, answer := w.do(who, http.MethodPost, "/api/realtime", string(body))
	if status != http.StatusNoContent {
		t.Logf("%s subscribing: %d %s", who, status, answer)
	}
	return s, status
}

// Realtime serves feedback, follow-ups and contacts to superusers only: an officer who
// subscribes (to the collection or to one of its own station's items) hears nothing when an
// item arrives, is answered or changes, while a superuser hears every event.
func TestRealtimeTellsOfficersNothing(t *testing.T) {
	w := newWorld(t)
	own := w.f.Items["a-exp"]
	topics := []string{"feedback", "feedback/*", "feedback/" + own, "followups/*", "contacts/*", "outbox/*", "digests/*"}
	root, _ := w.subscribe(t, testapp.Superuser, topics...)
	officers := map[string]*subscriber{}
	for _, who := range roles {
		officers[who], _ = w.subscribe(t, who, topics...)
	}

	// a new experience item at station A with a contact, a reply to one, a change of another
	save := func(collection string, data map[string]any) *core.Record {
		col, _ := w.app.FindCollectionByNameOrId(collection)
		r := core.NewRecord(col)
		r.Load(data)
		if err := w.app.Save(r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	item := save(schema.Feedback, map[string]any{"station": w.f.Stations["st-a"], "kind": schema.KindExperience, "rating": 1,
		"comment": "Fresh news", "channel": schema.ChannelQR, "lang": schema.LangHindi, "status": schema.StatusNew})
	save(schema.Contacts, map[string]any{"feedback": item.Id, "name": "Fresh", "mobile": "9000000000", "consent": true})
	save(schema.Followups, map[string]any{"feedback": own, "author": w.f.Officers[testapp.SP], "kind": schema.FollowupNote, "body": "Fresh note"})
	rec, err := w.app.FindRecordById(schema.Feedback, own)
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("status", schema.StatusInReview)
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}

	// the superuser hears of each (the new item on two topics, the changed one on three)
	deadline := time.Now().Add(5 * time.Second)
	for len(root.got()) < 7 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := root.got(); len(got) < 7 {
		t.Fatalf("the superuser heard %v: the subscriptions do not work", got)
	}
	time.Sleep(300 * time.Millisecond)
	for who, s := range officers {
		if got := s.got(); len(got) > 0 {
			t.Errorf("%q heard %v", who, got)
		}
	}
}
