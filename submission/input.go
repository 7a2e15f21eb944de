package submission

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"anubhav/words"
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

	// unreadable names the fields whose value could not be read at all (a rating "abc", an
	// object for a name) with their message, so that Validate reports them instead of
	// treating them as missing.
	unreadable map[string]words.Msg
	// literal names the answers a JSON client sent as a number or true/false: right for a
	// rating or yes/no question, unreadable for a text one.
	literal map[string]bool
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
			return Input{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
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
			return Input{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
		return DecodeForm(r.PostForm), nil
	default:
		return Input{}, fmt.Errorf("%w: send application/json or a form post, not %q", ErrUnreadable, mediaType)
	}
}

// Salvage reads what it can of a plain form post that was refused (too large, unreadable,
// sent too often), so that the form comes back with what the citizen typed: every readable
// field of a urlencoded body even when one is not (a bad escape such as %zz).
func Salvage(contentType string, raw []byte) Input {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	switch mediaType {
	case "application/x-www-form-urlencoded":
		form, _ := url.ParseQuery(string(raw)) // it keeps the pairs it could read
		return DecodeForm(form)
	case "multipart/form-data":
		r := &http.Request{Method: http.MethodPost, Header: http.Header{"Content-Type": {contentType}},
			Body: io.NopCloser(bytes.NewReader(raw))}
		if r.ParseMultipartForm(int64(len(raw))+1) == nil {
			return DecodeForm(r.PostForm)
		}
	}
	return Input{}
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
	in.Station = strings.ToLower(strings.TrimSpace(in.Station))
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
// a boolean or "yes"/"on"/"true"/"1", a choice answer a string, number or boolean (yes/no);
// every other field must be a string (or null), else Validate reports it as unreadable.
func DecodeJSON(raw []byte) (Input, error) {
	var doc struct {
		Rating  json.RawMessage            `json:"rating"`
		Consent json.RawMessage            `json:"consent"`
		Answers map[string]json.RawMessage `json:"answers"`
	}
	var texts map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Input{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	_ = json.Unmarshal(raw, &texts) // an object, as the line above proved
	in := Input{Answers: map[string]string{}}
	for field, dst := range in.textFields() {
		s, ok := text(texts[field])
		if !ok {
			in.markUnreadable(field, msgUnreadableField)
		}
		*dst = s
	}
	if s, ok := scalar(doc.Rating); ok {
		in.setRating(s)
	} else {
		in.markUnreadable("rating", msgUnreadableField)
	}
	if s, ok := scalar(doc.Consent); ok {
		in.Consent = truthy(s)
	} else {
		in.markUnreadable("consent", msgUnreadableField)
	}
	for key, v := range doc.Answers {
		s, ok := scalar(v)
		if !ok {
			in.markUnreadable("answers."+key, msgUnreadableField)
		} else if _, isText := text(v); !isText {
			// a number or yes/no where the question may want text: Validate decides
			in.markLiteral(key)
		}
		in.Answers[key] = s
	}
	in.Station = strings.ToLower(strings.TrimSpace(in.Station))
	return in, nil
}

// textFields are the fields that only a string fills, by their names in a submission.
func (in *Input) textFields() map[string]*string {
	return map[string]*string{"station": &in.Station, "kind": &in.Kind, KeyComment: &in.Comment,
		KeyVisitDate: &in.VisitDate, "lang": &in.Lang, "name": &in.Name, "mobile": &in.Mobile,
		"token": &in.Token, "website": &in.Website}
}

// text reads a JSON string; null or absent is "". Anything else is not text.
func text(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	return s, json.Unmarshal(raw, &s) == nil
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
		in.markUnreadable("rating", msgRating)
		return
	}
	in.Rating = n
}

func (in *Input) markUnreadable(field string, msg words.Msg) {
	if in.unreadable == nil {
		in.unreadable = map[string]words.Msg{}
	}
	in.unreadable[field] = msg
}

func (in *Input) markLiteral(key string) {
	if in.literal == nil {
		in.literal = map[string]bool{}
	}
	in.literal[key] = true
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "on", "yes", "true":
		return true
	}
	return false
}
