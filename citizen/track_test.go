package citizen_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

func get(t testing.TB, client *http.Client, u string) (int, string) {
	t.Helper()
	res, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestTracking(t *testing.T) {
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	r, status := post(t, srv.Client(), srv.URL, signed(t, app, with(answers(), "comment", "Secret detail of my visit")))
	if status != http.StatusOK {
		t.Fatalf("submit: %d", status)
	}
	today := time.Now().In(ist()).Format(time.DateOnly)

	// Fresh: status new, no replies, nothing else.
	status, body := get(t, srv.Client(), srv.URL+"/api/track/"+r)
	if want := `{"status":"new","date":"` + today + `","replies":[]}`; status != 200 || body != want {
		t.Fatalf("fresh item: %d %s, want %s", status, body, want)
	}

	// The police reply in public, write a private note and review it.
	digits := strings.ReplaceAll(r, "-", "")
	item := testapp.ItemOf(t, app, r)
	followup := func(kind, text string, public bool) {
		col, _ := app.FindCollectionByNameOrId(schema.Followups)
		rec := core.NewRecord(col)
		rec.Load(map[string]any{"feedback": item.Id, "author": f.Officers[testapp.SP], "kind": kind, "body": text, "public": public})
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	followup(schema.FollowupReply, "The in-charge has been told to <b>listen</b> to you.", true)
	followup(schema.FollowupNote, "Private: check CCTV", false)
	item.Set("status", schema.StatusSpam)
	if err := app.Save(item); err != nil {
		t.Fatal(err)
	}

	// Typed with spaces or Devanagari digits, it finds the same item.
	for _, typed := range []string{r, digits, strings.ReplaceAll(r, "-", " "), devanagari(digits)} {
		status, body = get(t, srv.Client(), srv.URL+"/api/track/"+url.PathEscape(typed))
		var got struct {
			Status  string
			Date    string
			Replies []struct{ Date, Body string }
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil || status != 200 {
			t.Fatalf("%q: %d %s", typed, status, body)
		}
		if got.Status != "closed" || len(got.Replies) != 1 || got.Replies[0].Body != "The in-charge has been told to <b>listen</b> to you." || got.Replies[0].Date != today {
			t.Fatalf("%q: %s", typed, body)
		}
		for _, secret := range []string{"Private", "Secret detail", "st-a", item.Id, "spam"} {
			if strings.Contains(body, secret) {
				t.Fatalf("tracking shows %q: %s", secret, body)
			}
		}
	}

	// A wrong receipt is "not found"; a malformed one is told so, in the reader's language.
	wrong := []byte(digits)
	wrong[15] = '0' + (wrong[15]-'0'+1)%10
	s1, b1 := get(t, srv.Client(), srv.URL+"/api/track/"+string(wrong))
	s2, b2 := get(t, srv.Client(), srv.URL+"/api/track/not-a-receipt?lang=en")
	if s1 != 404 || !strings.Contains(b1, "इस रसीद नंबर से कुछ नहीं मिला") || s2 != 400 || !strings.Contains(b2, "A receipt number has 16 digits") {
		t.Fatalf("wrong %d %s; malformed %d %s", s1, b1, s2, b2)
	}

	// The page: a form post, the reply shown as text.
	res, err := srv.Client().PostForm(srv.URL+"/track?lang=en", url.Values{"receipt": {r}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{"Read — thank you", "The in-charge has been told to &lt;b&gt;listen&lt;/b&gt; to you.", words.Date("en", time.Now().In(ist()))} {
		if !strings.Contains(string(page), want) {
			t.Errorf("track page lacks %q", want)
		}
	}
	res, _ = srv.Client().PostForm(srv.URL+"/track", url.Values{"receipt": {string(wrong)}})
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || !strings.Contains(string(page), "इस रसीद नंबर से कुछ नहीं मिला") {
		t.Errorf("wrong receipt on the page: %d", res.StatusCode)
	}
}

func devanagari(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune('०' + (c - '0'))
	}
	return b.String()
}

func ist() *time.Location {
	l, _ := time.LoadLocation("Asia/Kolkata")
	return l
}
