package migrations_test

import (
	"encoding/json"
	"testing"

	"anubhav/testkit/testapp"
)

// The reviewed words replace the seeded ones, and only those: a label a district has edited
// in the dashboard stays the district's.
func TestReviewedWordsKeepADistrictsEdits(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	m := migration(t, "1764008140_citizen_words.go")
	label := func(key, field string) string {
		q, err := app.FindFirstRecordByData("questions", "key", key)
		if err != nil {
			t.Fatal(err)
		}
		return q.GetString(field)
	}
	option := func(key, value string) string {
		q, _ := app.FindFirstRecordByData("questions", "key", key)
		var options []struct {
			Value   string
			LabelHi string `json:"label_hi"`
		}
		if err := json.Unmarshal([]byte(q.GetString("options")), &options); err != nil {
			t.Fatal(err)
		}
		for _, o := range options {
			if o.Value == value {
				return o.LabelHi
			}
		}
		return ""
	}
	if got := label("comment", "label_hi"); got != "आपके सुझाव या कोई और बात" {
		t.Fatalf("a fresh install's comment label %q", got)
	}

	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	if got := option("complaint_about", "behaviour"); got != "बुरा बर्ताव" {
		t.Fatalf("down: %q", got)
	}
	q, _ := app.FindFirstRecordByData("questions", "key", "comment")
	q.Set("label_hi", "अपनी बात लिखें")
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{label("comment", "label_hi"), "अपनी बात लिखें"}, // the district's own
		{label("comment", "label_en"), "Your suggestions, or anything else"},
		{label("behaviour", "label_hi"), "स्टाफ़ का व्यवहार कैसा था?"},
		{option("purpose", "fir"), "एफआईआर/शिकायत दर्ज कराने"},
		{option("purpose", "other"), "किसी और काम से"},
		{option("complaint_about", "behaviour"), "बुरा व्यवहार"},
		{option("complaint_about", "other"), "अन्य"}, // another question's "other" is not purpose's
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
