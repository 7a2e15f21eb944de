package submission

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Input is one submission as received, before validation. Validate normalises it in place
// (trimmed text, the mobile's 10 digits, the date as YYYY-MM-DD).
type Input struct {
	Station   string            `json:"station"`
	Kind      string            `json:"kind"`
	Rating    int               `json:"rating"`
	Comment   string            `json:"comment"`
	VisitDate string            `json:"visit_date"`
	Lang      string            `json:"lang"`
	Name      string            `json:"name"`
	Mobile    string            `json:"mobile"`
	Consent   bool              `json:"consent"`
	Answers   map[string]string `json:"answers"`

	// Token and Website are the citizen form's signed token and its honeypot field; the
	// HTTP layer checks them (package abuse), Submit ignores them.
	Token   string `json:"token"`
	Website string `json:"website"`

	// unreadable names the fields whose value could not be read at all (e.g. a rating
	// "abc"), so that Validate reports them instead of treating them as missing.
	unreadable map[string]bool
}

// MaxBody is the largest submission accepted, in bytes: ample for the longest answers in
// Devanagari (3 bytes a letter), small enough that junk is refused before it is read.
const MaxBody = 64 << 10

// ErrUnreadable is returned by Decode for a body that is not a submission at all.
var ErrUnreadable = errors.New("the request body is not a readable submission")

// Decode reads a submission from a JSON body or a form post (urlencoded or multipart), with
// the answers as a JSON object "answers" or as form fields "answers.{key}".
func Decode(r *http.Request) (Input, error) {
	body := http.MaxBytesReader(nil, r.Body, MaxBody)
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		raw, err := io.ReadAll(body)
		if err != nil {
			return Input{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		return DecodeJSON(raw)
	case "application/x-www-form-urlencoded", "multipart/form-data":
		r.Body = body
		var err error
		if mediaType == "multipart/form-data" {
			err = r.ParseMultipartForm(MaxBody)
		} else {
			err = r.ParseForm() // ParseMultipartForm would drop its error
		}
		if err != nil {
			return Input{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		return DecodeForm(r.PostForm), nil
	default:
		return Input{}, fmt.Errorf("%w: send application/json or a form post, not %q", ErrUnreadable, mediaType)
	}
}

// DecodeForm reads a plain form post.
func DecodeForm(form url.Values) Input {
	in := Input{
		Station:   form.Get("station"),
		Kind:      form.Get("kind"),
		Comment:   form.Get("comment"),
		VisitDate: form.Get("visit_date"),
		Lang:      form.Get("lang"),
		Name:      form.Get("name"),
		Mobile:    form.Get("mobile"),
		Token:     form.Get("token"),
		Website:   form.Get("website"),
		Answers:   map[string]string{},
	}
	in.setRating(form.Get("rating"))
	in.Consent = truthy(form.Get("consent"))
	for name, values := range form {
		if key, ok := strings.CutPrefix(name, "answers."); ok && key != "" && len(values) > 0 {
			in.Answers[key] = values[0]
		}
	}
	return in
}

// DecodeJSON reads a JSON submission. A rating may be a number or a numeric string, consent
// a boolean or "yes"/"on"/"true"/"1", an answer a string, number or boolean (yes/no).
func DecodeJSON(raw []byte) (Input, error) {
	var doc struct {
		Station   string                     `json:"station"`
		Kind      string                     `json:"kind"`
		Rating    json.RawMessage            `json:"rating"`
		Comment   string                     `json:"comment"`
		VisitDate string                     `json:"visit_date"`
		Lang      string                     `json:"lang"`
		Name      string                     `json:"name"`
		Mobile    string                     `json:"mobile"`
		Consent   json.RawMessage            `json:"consent"`
		Answers   map[string]json.RawMessage `json:"answers"`
		Token     string                     `json:"token"`
		Website   string                     `json:"website"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Input{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	in := Input{Station: doc.Station, Kind: doc.Kind, Comment: doc.Comment, VisitDate: doc.VisitDate,
		Lang: doc.Lang, Name: doc.Name, Mobile: doc.Mobile, Token: doc.Token, Website: doc.Website,
		Answers: map[string]string{}}
	if s, ok := scalar(doc.Rating); ok {
		in.setRating(s)
	} else {
		in.markUnreadable("rating")
	}
	if s, ok := scalar(doc.Consent); ok {
		in.Consent = truthy(s)
	} else {
		in.markUnreadable("consent")
	}
	for key, v := range doc.Answers {
		if s, ok := scalar(v); ok {
			in.Answers[key] = s
		} else {
			in.Answers[key] = ""
			in.markUnreadable("answers." + key)
		}
	}
	return in, nil
}

// scalar reads a JSON string, number or boolean (true/false become yes/no, as the yes/no
// questions want) as text; null or absent is "".
func scalar(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		if v {
			return "yes", true
		}
		return "no", true
	}
	return "", false
}

func (in *Input) setRating(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		in.markUnreadable("rating")
		return
	}
	in.Rating = n
}

func (in *Input) markUnreadable(field string) {
	if in.unreadable == nil {
		in.unreadable = map[string]bool{}
	}
	in.unreadable[field] = true
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "on", "yes", "true":
		return true
	}
	return false
}
