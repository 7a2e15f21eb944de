package submission_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"anubhav/submission"
)

func TestDecodeJSONAndFormAlike(t *testing.T) {
	jsonBody := `{"station":"st-a","kind":"experience","rating":4,"comment":"ठीक","visit_date":"2026-11-20",
		"lang":"hi","name":"Asha","mobile":"9876543210","consent":true,"token":"t","website":"",
		"answers":{"purpose":"fir","behaviour":5,"staff_helped":false}}`
	form := url.Values{"station": {"st-a"}, "kind": {"experience"}, "rating": {"4"}, "comment": {"ठीक"},
		"visit_date": {"2026-11-20"}, "lang": {"hi"}, "name": {"Asha"}, "mobile": {"9876543210"}, "consent": {"yes"},
		"token": {"t"}, "answers.purpose": {"fir"}, "answers.behaviour": {"5"}, "answers.staff_helped": {"no"}}

	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	for k, v := range form {
		_ = w.WriteField(k, v[0])
	}
	_ = w.Close()

	bodies := map[string]struct{ contentType, body string }{
		"json":      {"application/json", jsonBody},
		"form":      {"application/x-www-form-urlencoded", form.Encode()},
		"multipart": {w.FormDataContentType(), mp.String()},
	}
	var first *submission.Input
	for name, b := range bodies {
		r := httptest.NewRequest("POST", "/api/feedback", strings.NewReader(b.body))
		r.Header.Set("Content-Type", b.contentType)
		in, err := submission.Decode(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if in.Rating != 4 || !in.Consent || in.Answers["behaviour"] != "5" || in.Answers["staff_helped"] != "no" || in.Comment != "ठीक" {
			t.Fatalf("%s decoded as %+v", name, in)
		}
		if first == nil {
			first = &in
		} else if a, b := mustJSON(*first), mustJSON(in); a != b {
			t.Fatalf("%s decodes differently:\n%s\n%s", name, a, b)
		}
	}
}

func TestDecodeRefusesWhatIsNotASubmission(t *testing.T) {
	for name, b := range map[string]struct{ contentType, body string }{
		"broken json":  {"application/json", `{"station":`},
		"json array":   {"application/json", `[1,2]`},
		"plain text":   {"text/plain", "hello"},
		"no type":      {"", "station=st-a"},
		"too big json": {"application/json", `{"comment":"` + strings.Repeat("a", submission.MaxBody) + `"}`},
		"too big form": {"application/x-www-form-urlencoded", "comment=" + strings.Repeat("a", submission.MaxBody)},
	} {
		r := httptest.NewRequest("POST", "/api/feedback", strings.NewReader(b.body))
		r.Header.Set("Content-Type", b.contentType)
		if _, err := submission.Decode(r); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

// FuzzDecodeJSON feeds the JSON decoder arbitrary bodies: it must never panic, and what it
// accepts must be a well-formed Input that encodes and decodes back to itself.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"station":"st-a","kind":"experience","rating":4,"answers":{"purpose":"fir","behaviour":5}}`,
		`{"rating":"5","consent":"on","answers":{"staff_helped":true}}`,
		`{"rating":4.5,"consent":1}`,
		`{"rating":{"x":1},"answers":{"a":[1]}}`,
		`{"answers":null,"rating":null}`,
		`{"comment":"\u0930\u093f\u0936\u094d\u0935\u0924"}`,
		`[]`, `null`, `"x"`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := submission.DecodeJSON(body)
		if err != nil {
			return
		}
		again, err := submission.DecodeJSON([]byte(mustJSON(in)))
		if err != nil {
			t.Fatalf("re-decoding %s: %v", mustJSON(in), err)
		}
		if mustJSON(again) != mustJSON(in) {
			t.Fatalf("round trip changed the input:\n%s\n%s", mustJSON(in), mustJSON(again))
		}
	})
}

// FuzzDecodeForm does the same for plain form posts: whatever it accepts, posted again as a
// form, reads back the same.
func FuzzDecodeForm(f *testing.F) {
	for _, seed := range []string{
		"station=st-a&kind=experience&rating=4&answers.purpose=fir&consent=yes",
		"rating=abc&answers.=x&answers.behaviour=5&answers.behaviour=1",
		"comment=%E0%A4%B0&rating=%20%204",
		"%zz=1&rating", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		in, err := decodeForm(body)
		if err != nil {
			return
		}
		v := url.Values{"station": {in.Station}, "kind": {in.Kind}, "comment": {in.Comment}, "visit_date": {in.VisitDate},
			"lang": {in.Lang}, "name": {in.Name}, "mobile": {in.Mobile}, "token": {in.Token}, "website": {in.Website}}
		if in.Rating != 0 {
			v.Set("rating", strconv.Itoa(in.Rating))
		}
		if in.Consent {
			v.Set("consent", "yes")
		}
		for k, a := range in.Answers {
			if k == "" {
				t.Fatal("an answer without a key")
			}
			v.Set("answers."+k, a)
		}
		again, err := decodeForm(v.Encode())
		if err != nil {
			t.Fatalf("re-decoding %s: %v", v.Encode(), err)
		}
		if mustJSON(again) != mustJSON(in) {
			t.Fatalf("round trip changed the input:\n%s\n%s", mustJSON(in), mustJSON(again))
		}
	})
}

func decodeForm(body string) (submission.Input, error) {
	r := httptest.NewRequest("POST", "/api/feedback", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return submission.Decode(r)
}

func mustJSON(in submission.Input) string {
	b, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	return string(b)
}
