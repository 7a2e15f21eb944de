package submission_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/testkit/testapp"
)

// good is a complete experience submission; cases change one thing.
func good() submission.Input {
	return submission.Input{
		Station: "st-a", Kind: schema.KindExperience, Rating: 4, Lang: schema.LangEnglish,
		Comment: "Polite staff.", VisitDate: time.Now().In(ist).Format(time.DateOnly),
		Answers: map[string]string{"purpose": "fir", "staff_available": "yes", "staff_helped": "yes",
			"behaviour": "4", "problem_solved": "yes"},
	}
}

var ist, _ = time.LoadLocation("Asia/Kolkata")

func daysAgo(n int) string { return time.Now().In(ist).AddDate(0, 0, -n).Format(time.DateOnly) }

func TestValidation(t *testing.T) {
	app, _ := testapp.New(t)
	cases := []struct {
		name   string
		change func(in *submission.Input)
		// bad lists the fields that must carry a message; none means the input is valid.
		bad []string
	}{
		{"complete experience", func(in *submission.Input) {}, nil},
		{"optional answers left out", func(in *submission.Input) { in.Comment, in.VisitDate = "", "" }, nil},
		{"empty kind means experience", func(in *submission.Input) { in.Kind = "" }, nil},
		{"missing rating", func(in *submission.Input) { in.Rating = 0 }, []string{"rating"}},
		{"rating 6", func(in *submission.Input) { in.Rating = 6 }, []string{"rating"}},
		{"rating -1", func(in *submission.Input) { in.Rating = -1 }, []string{"rating"}},
		{"answer rating 0", func(in *submission.Input) { in.Answers["behaviour"] = "0" }, []string{"answers.behaviour"}},
		{"answer rating text", func(in *submission.Input) { in.Answers["behaviour"] = "good" }, []string{"answers.behaviour"}},
		{"missing required choice", func(in *submission.Input) { delete(in.Answers, "purpose") }, []string{"answers.purpose"}},
		{"unknown choice", func(in *submission.Input) { in.Answers["purpose"] = "picnic" }, []string{"answers.purpose"}},
		{"yes/no as maybe", func(in *submission.Input) { in.Answers["staff_helped"] = "maybe" }, []string{"answers.staff_helped"}},
		{"comment too long", func(in *submission.Input) { in.Comment = strings.Repeat("क", 2001) }, []string{"comment"}},
		{"comment at the limit", func(in *submission.Input) { in.Comment = strings.Repeat("क", 2000) }, nil},
		{"text answer too long", func(in *submission.Input) { in.Answers["officer_name"] = strings.Repeat("a", 301) }, []string{"answers.officer_name"}},
		{"date in the future", func(in *submission.Input) { in.VisitDate = daysAgo(-1) }, []string{"visit_date"}},
		{"date 90 days ago", func(in *submission.Input) { in.VisitDate = daysAgo(89) }, nil},
		{"date 91 days ago", func(in *submission.Input) { in.VisitDate = daysAgo(91) }, []string{"visit_date"}},
		{"date not a date", func(in *submission.Input) { in.VisitDate = "yesterday" }, []string{"visit_date"}},
		{"date 31 February", func(in *submission.Input) { in.VisitDate = "2026-02-31" }, []string{"visit_date"}},
		{"date as DD-MM-YYYY", func(in *submission.Input) {
			d, _ := time.Parse(time.DateOnly, daysAgo(2))
			in.VisitDate = d.Format("02-01-2006")
		}, nil},
		{"mobile with consent", func(in *submission.Input) { in.Mobile, in.Consent = "+91 98765-43210", true }, nil},
		{"mobile with 0 prefix", func(in *submission.Input) { in.Mobile, in.Consent = "09876543210", true }, nil},
		{"mobile in Devanagari digits", func(in *submission.Input) { in.Mobile, in.Consent = "९८७६५४३२१०", true }, nil},
		{"mobile of 9 digits", func(in *submission.Input) { in.Mobile, in.Consent = "987654321", true }, []string{"mobile"}},
		{"mobile starting with 5", func(in *submission.Input) { in.Mobile, in.Consent = "5876543210", true }, []string{"mobile"}},
		{"mobile with letters", func(in *submission.Input) { in.Mobile, in.Consent = "98765abcde", true }, []string{"mobile"}},
		{"mobile without consent", func(in *submission.Input) { in.Mobile = "9876543210" }, []string{"consent"}},
		{"name without consent", func(in *submission.Input) { in.Name = "Ramesh" }, []string{"consent"}},
		{"consent without mobile", func(in *submission.Input) { in.Consent, in.Name = true, "Ramesh" }, []string{"mobile"}},
		{"name too long", func(in *submission.Input) {
			in.Name, in.Mobile, in.Consent = strings.Repeat("n", 121), "9876543210", true
		}, []string{"name"}},
		{"unknown kind", func(in *submission.Input) { in.Kind = "praise" }, []string{"kind"}},
		{"unknown language", func(in *submission.Input) { in.Lang = "fr" }, []string{"lang"}},
		{"no station", func(in *submission.Input) { in.Station = "" }, []string{"station"}},
		{"complaint needs what happened", func(in *submission.Input) {
			in.Kind, in.Comment, in.Answers = schema.KindComplaint, "", map[string]string{"purpose": "fir", "complaint_about": "delay"}
		}, []string{"comment"}},
		{"complaint needs its topic", func(in *submission.Input) {
			in.Kind, in.Answers = schema.KindComplaint, map[string]string{"purpose": "fir"}
		}, []string{"answers.complaint_about"}},
		{"complete complaint, experience answers dropped", func(in *submission.Input) {
			in.Kind = schema.KindComplaint
			in.Answers["complaint_about"] = "bribe"
		}, nil},
		{"tip needs its topic and place", func(in *submission.Input) {
			in.Kind, in.Answers = schema.KindTip, map[string]string{}
		}, []string{"answers.tip_about", "answers.tip_place"}},
		{"complete tip", func(in *submission.Input) {
			in.Kind, in.Answers = schema.KindTip, map[string]string{"tip_about": "liquor", "tip_place": "Behind the bus stand"}
		}, nil},
		{"unknown question dropped", func(in *submission.Input) { in.Answers["favourite_colour"] = "blue" }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := good()
			c.change(&in)
			err := submission.Validate(app, &in)
			var bad submission.Errors
			if len(c.bad) == 0 {
				if err != nil {
					t.Fatalf("valid input refused: %v", err)
				}
				return
			}
			if !errors.As(err, &bad) {
				t.Fatalf("want messages for %v, got %v", c.bad, err)
			}
			got := slices.Sorted(maps.Keys(bad))
			if !slices.Equal(got, c.bad) {
				t.Fatalf("messages for %v, want %v: %v", got, c.bad, err)
			}
			for f, m := range bad {
				if hi, en := m.In("hi"), m.In("en"); hi == en || hi == m.Key || en == m.Key {
					t.Errorf("field %s lacks a Hindi or English message: %+v", f, m)
				}
			}
		})
	}
}

func TestUnknownOrInactiveStation(t *testing.T) {
	app, _ := testapp.New(t)
	for _, code := range []string{"st-off", "nowhere"} {
		in := good()
		in.Station = code
		if _, err := submission.Submit(app, in, submission.Source{Channel: schema.ChannelQR}); !errors.Is(err, submission.ErrUnknownStation) {
			t.Errorf("station %s: %v, want ErrUnknownStation", code, err)
		}
	}
}

func TestSubmitStoresItemContactAndReceiptHashOnly(t *testing.T) {
	app, f := testapp.New(t)
	in := good()
	in.Kind = schema.KindComplaint
	in.Comment = "The munshi asked me for रिश्वत to write the FIR."
	in.Answers["complaint_about"] = "bribe"
	in.Answers["favourite_colour"] = "blue"
	in.Name, in.Mobile, in.Consent = "  Sunita  ", "98765 43210", true

	r, err := submission.Submit(app, in, submission.Source{Channel: "phone", EnteredBy: f.Officers[testapp.SP]})
	if err != nil {
		t.Fatal(err)
	}
	digits, ok := receipt.Normalize(r)
	if !ok || r != receipt.Format(digits) {
		t.Fatalf("receipt %q is not 16 digits in groups of four", r)
	}
	hash, _ := receipt.Hash(app, digits)
	item, err := app.FindFirstRecordByData(schema.Feedback, "receipt_hash", hash)
	if err != nil {
		t.Fatalf("item not found by the receipt's hash: %v", err)
	}
	checkFields(t, item, map[string]any{
		"station": f.Stations["st-a"], "kind": "complaint", "rating": 0, "channel": "phone", "status": "new",
		"entered_by": f.Officers[testapp.SP], "lang": "en", "subdivision": f.Areas["s1"], "district": f.Areas["d1"],
	})
	if flags := item.GetStringSlice("flags"); !slices.Contains(flags, schema.FlagUrgent) {
		t.Errorf("complaint flags %v lack urgent", flags)
	}
	var answers map[string]any
	_ = item.UnmarshalJSONField("answers", &answers)
	if want := map[string]any{"purpose": "fir", "complaint_about": "bribe"}; !maps.Equal(answers, want) {
		t.Errorf("answers %v, want %v (experience-only and unknown answers dropped)", answers, want)
	}
	for _, field := range []string{"comment", "receipt_hash", "device_hash"} {
		if strings.Contains(item.GetString(field), digits) {
			t.Errorf("the receipt is stored in %s", field)
		}
	}
	contact, err := app.FindFirstRecordByData(schema.Contacts, "feedback", item.Id)
	if err != nil {
		t.Fatalf("contact not stored: %v", err)
	}
	checkFields(t, contact, map[string]any{"name": "Sunita", "mobile": "9876543210", "consent": true})
}

func TestSubmitWithoutConsentStoresNoContact(t *testing.T) {
	app, _ := testapp.New(t)
	before, _ := app.CountRecords(schema.Contacts)
	if _, err := submission.Submit(app, good(), submission.Source{Channel: schema.ChannelQR, DeviceHash: "d1"}); err != nil {
		t.Fatal(err)
	}
	after, _ := app.CountRecords(schema.Contacts)
	if after != before {
		t.Fatalf("contacts %d → %d for an anonymous item", before, after)
	}
}

func TestSubmitRefusesAnUnknownChannel(t *testing.T) {
	app, _ := testapp.New(t)
	_, err := submission.Submit(app, good(), submission.Source{Channel: "pigeon"})
	var bad submission.Errors
	if !errors.As(err, &bad) || bad["channel"].Key == "" {
		t.Fatalf("got %v, want a message on channel", err)
	}
}

func TestQuestionnaireCacheFollowsChanges(t *testing.T) {
	app, _ := testapp.New(t)
	in := good()
	delete(in.Answers, "purpose")
	if err := submission.Validate(app, &in); err == nil {
		t.Fatal("purpose is required by default")
	}
	q, err := app.FindFirstRecordByData(schema.Questions, "key", "purpose")
	if err != nil {
		t.Fatal(err)
	}
	q.Set("active", false)
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	in = good()
	delete(in.Answers, "purpose")
	if err := submission.Validate(app, &in); err != nil {
		t.Fatalf("a deactivated question is still asked: %v", err)
	}
}

func checkFields(t *testing.T, r *core.Record, want map[string]any) {
	t.Helper()
	for field, v := range want {
		if got := r.Get(field); fmt.Sprint(got) != fmt.Sprint(v) {
			t.Errorf("%s.%s = %#v, want %#v", r.Collection().Name, field, got, v)
		}
	}
}

func TestStationCacheFollowsChanges(t *testing.T) {
	app, _ := testapp.New(t)
	if err := submission.Validate(app, ptr(good())); err != nil {
		t.Fatal(err)
	}
	st, err := app.FindFirstRecordByData(schema.Stations, "code", "st-a")
	if err != nil {
		t.Fatal(err)
	}
	st.Set("active", false)
	if err := app.Save(st); err != nil {
		t.Fatal(err)
	}
	if err := submission.Validate(app, ptr(good())); !errors.Is(err, submission.ErrUnknownStation) {
		t.Fatalf("a station made inactive still takes items: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
