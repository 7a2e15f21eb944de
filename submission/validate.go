package submission

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/digits"
	"anubhav/schema"
	"anubhav/words"
)

// Errors holds one message per field that needs correcting, by field name (station, kind,
// rating, comment, visit_date, lang, name, mobile, consent, channel, answers.{key}).
type Errors map[string]words.Msg

// In gives the messages in one language.
func (e Errors) In(lang string) map[string]string {
	out := make(map[string]string, len(e))
	for f, m := range e {
		out[f] = m.In(lang)
	}
	return out
}

func (e Errors) Error() string {
	fields := make([]string, 0, len(e))
	for f := range e {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f + ": " + e[f].In(words.English)
	}
	return "invalid submission: " + strings.Join(parts, "; ")
}

func has(e Errors, field string) bool {
	_, ok := e[field]
	return ok
}

// ErrUnknownStation is returned for a station code that is unknown or not active.
var ErrUnknownStation = errors.New("unknown or inactive police station")

// MaxAge is how far back a date of visit may lie.
const MaxAge = 90 * 24 * time.Hour

const maxName = 120

var (
	msgRequired    = words.M("error.required")
	msgRating      = words.M("error.rating_range")
	msgChoice      = words.M("error.choice")
	msgDate        = words.M("error.date")
	msgFuture      = words.M("error.future")
	msgTooOld      = words.M("error.too_old", "days", int(MaxAge.Hours()/24))
	msgMobile      = words.M("error.mobile")
	msgNeedsTick   = words.M("error.needs_tick")
	msgNeedsMobile = words.M("error.needs_mobile")
	msgKind        = words.M("error.kind")
	msgLang        = words.M("error.lang")
	msgStation     = words.M("error.station")
	msgChannel     = words.M("error.channel")
	msgComplaint   = words.M("error.complaint")
	// a field of the wrong type (an object for a name, a number for a comment)
	msgUnreadableField = words.M("error.unreadable_field")
	// invalid UTF-8, NUL or another control character
	msgBadChars = words.M("error.bad_characters")
)

// FormMessages are the messages a form's script shows before sending: the same the server
// gives for a missing answer, a bad mobile, contact details without the tick and a date out of
// range.
func FormMessages() map[string]words.Msg {
	return map[string]words.Msg{"required": msgRequired, "mobile": msgMobile, "tick": msgNeedsTick,
		"future": msgFuture, "old": msgTooOld}
}

func msgTooLong(n int) words.Msg { return words.M("error.too_long", "max", n) }

// checked is a valid submission, ready to store.
type checked struct {
	in      Input
	station Station
	// answers are the answers to store, typed: ratings as numbers, the rest as text.
	answers map[string]any
}

// Validate checks a submission against the active questionnaire and normalises it in place.
// It returns Errors for bad fields, ErrUnknownStation, or another error for a fault of ours.
func Validate(app core.App, in *Input) error {
	_, err := validate(app, in, time.Now())
	return err
}

func validate(app core.App, in *Input, now time.Time) (*checked, error) {
	bad := in.screen()
	in.Station = strings.ToLower(strings.TrimSpace(in.Station))
	in.Kind = strings.TrimSpace(in.Kind)
	if in.Kind == "" {
		in.Kind = schema.KindExperience
	}
	if in.Lang == "" {
		in.Lang = words.Hindi
	}
	if !words.Has(in.Lang) && !has(bad, "lang") {
		bad["lang"] = msgLang
	}
	if has(bad, "kind") || has(bad, "station") {
		return nil, bad
	}
	if !slices.Contains(schema.FeedbackKinds, in.Kind) {
		bad["kind"] = msgKind
		return nil, bad
	}
	if in.Station == "" {
		bad["station"] = msgStation
		return nil, bad
	}
	station, err := FindStation(app, in.Station)
	if err != nil || !station.Active {
		return nil, ErrUnknownStation
	}
	if in.Answers == nil {
		in.Answers = map[string]string{}
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return nil, err
	}
	questions, err := QuestionsFor(app, in.Kind)
	if err != nil {
		return nil, err
	}
	today := now.In(cfg.Location).Format(time.DateOnly)

	answers := map[string]any{}
	asked := map[string]bool{}
	for _, q := range questions {
		asked[q.Key] = true
		value := in.answer(q)
		if has(bad, q.Field()) {
			continue
		}
		if q.Type == TypeText && in.literal[q.Key] {
			bad[q.Field()] = msgUnreadableField
			continue
		}
		if value == "" {
			if q.Required {
				bad[q.Field()] = msgRequired
			}
			continue
		}
		typed, msg := checkAnswer(q, value, today, now.In(cfg.Location))
		if msg != nil {
			bad[q.Field()] = *msg
			continue
		}
		in.setAnswer(q, typed)
		if !q.Own() {
			answers[q.Key] = typed
		}
	}
	// Whatever the kind does not ask is dropped, never stored unchecked (nor refused).
	if !asked[KeyRating] {
		in.Rating = 0
		delete(bad, KeyRating)
	}
	if !asked[KeyVisitDate] {
		in.VisitDate = ""
		delete(bad, KeyVisitDate)
	}
	if !asked[KeyComment] {
		in.Comment = ""
		delete(bad, KeyComment)
	}
	for key := range in.Answers {
		if !asked[key] {
			delete(in.Answers, key)
			delete(bad, "answers."+key)
		}
	}
	if in.Kind == schema.KindComplaint && blank(in.Comment) && !has(bad, KeyComment) {
		bad[KeyComment] = msgComplaint
	}
	checkContact(in, bad)
	if len(bad) > 0 {
		return nil, bad
	}
	return &checked{in: *in, station: station, answers: answers}, nil
}

// screen starts a submission's messages with what could not be read: the decoder's, and
// any text with invalid UTF-8 (U+FFFD: the JSON decoder's stand-in for it, which no citizen
// types), NUL or another control character, or a bidi embedding, override or isolate;
// newline and tab only in the comment, the one text written on several lines.
func (in *Input) screen() Errors {
	bad := Errors{}
	for f, m := range in.unreadable {
		bad[f] = m
	}
	readable := func(field, s string) {
		if !has(bad, field) && !cleanText(s, field == KeyComment) {
			bad[field] = msgBadChars
		}
	}
	for field, s := range in.textFields() {
		readable(field, *s)
	}
	for key, s := range in.Answers {
		readable("answers."+key, s)
	}
	return bad
}

func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			return false
		}
		return r == utf8.RuneError || unicode.IsControl(r) || bidiControl(r)
	})
}

// bidiControl tells the embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
// refused in every field, the comment too: the browser orders Hindi, English and Urdu by
// itself, so no citizen needs them, and an override shows the officer reading an item text
// in another order than it was written (a number or a name reversed). The marks U+200E and
// U+200F stay: a keyboard types them, and they reorder nothing around them.
func bidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// blank tells text of only spaces and invisible characters from real text: Unicode's format
// characters (zero-width space and joiners, word joiner, byte-order mark, soft hyphen), the
// blank braille pattern and the Hangul fillers, which show nothing, and combining marks
// with no letter to sit on. Real text keeps them: the joiners shape Devanagari conjuncts.
func blank(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsSpace(r) && !unicode.In(r, unicode.Cf, unicode.M) && !fillers[r]
	})
}

// fillers are the letters and symbols that are drawn as nothing.
var fillers = map[rune]bool{'\u2800': true, '\u115f': true, '\u1160': true, '\u3164': true, '\uffa0': true}

// trimmed is text without its outer spaces, or "" when nothing in it is visible.
func trimmed(s string) string {
	if blank(s) {
		return ""
	}
	return strings.TrimSpace(s)
}

// answer is the submitted answer to a question, trimmed.
func (in *Input) answer(q Question) string {
	switch q.Key {
	case KeyRating:
		if in.Rating == 0 {
			return ""
		}
		return strconv.Itoa(in.Rating)
	case KeyVisitDate:
		return trimmed(in.VisitDate)
	case KeyComment:
		return trimmed(in.Comment)
	}
	return trimmed(in.Answers[q.Key])
}

// setAnswer writes back a normalised answer.
func (in *Input) setAnswer(q Question, typed any) {
	text := fmt.Sprint(typed)
	switch q.Key {
	case KeyRating:
		in.Rating = typed.(int)
	case KeyVisitDate:
		in.VisitDate = text
	case KeyComment:
		in.Comment = text
	default:
		in.Answers[q.Key] = text
	}
}

// checkAnswer checks one non-empty answer and returns its typed value.
func checkAnswer(q Question, value, today string, now time.Time) (any, *words.Msg) {
	switch q.Type {
	case TypeRating:
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > MaxRating {
			return nil, &msgRating
		}
		return n, nil
	case TypeYesNo:
		if value != "yes" && value != "no" {
			return nil, &msgChoice
		}
		return value, nil
	case TypeChoice:
		for _, o := range q.Options {
			if o.Value == value {
				return value, nil
			}
		}
		return nil, &msgChoice
	case TypeDate:
		d, ok := parseDate(value)
		if !ok {
			return nil, &msgDate
		}
		if d > today {
			return nil, &msgFuture
		}
		if d < now.Add(-MaxAge).Format(time.DateOnly) {
			return nil, &msgTooOld
		}
		return d, nil
	default: // text
		if n := q.MaxLength(); utf8.RuneCountInString(value) > n {
			m := msgTooLong(n)
			return nil, &m
		}
		return value, nil
	}
}

// parseDate reads YYYY-MM-DD, or DD-MM-YYYY and DD/MM/YYYY as people in India write dates
// where the browser offers no date picker.
func parseDate(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, "02-01-2006", "02/01/2006", "2-1-2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// checkContact normalises the name and mobile and enforces "only with consent".
func checkContact(in *Input, bad Errors) {
	in.Name = trimmed(in.Name)
	if utf8.RuneCountInString(in.Name) > maxName && !has(bad, "name") {
		bad["name"] = msgTooLong(maxName)
	}
	if in.Mobile = trimmed(in.Mobile); in.Mobile != "" && !has(bad, "mobile") {
		if m, ok := NormalizeMobile(in.Mobile); ok {
			in.Mobile = m
		} else {
			bad["mobile"] = msgMobile
		}
	}
	switch {
	case has(bad, "consent"):
	case !in.Consent && (in.Name != "" || in.Mobile != ""):
		bad["consent"] = msgNeedsTick
	case in.Consent && in.Mobile == "" && !has(bad, "mobile"):
		bad["mobile"] = msgNeedsMobile
	}
}

// NormalizeMobile reads an Indian mobile number as people write it (+91 98765 43210,
// 098765-43210, Devanagari digits) and returns its 10 digits.
func NormalizeMobile(s string) (string, bool) {
	d, ok := digits.Read(s, "-+()", 12)
	if !ok {
		return "", false
	}
	switch {
	case len(d) == 12 && strings.HasPrefix(d, "91"):
		d = d[2:]
	case len(d) == 11 && strings.HasPrefix(d, "0"):
		d = d[1:]
	}
	if len(d) != 10 || d[0] < '6' {
		return "", false
	}
	return d, true
}
