package submission

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
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
	bad := Errors{}
	in.Station = strings.TrimSpace(in.Station)
	in.Kind = strings.TrimSpace(in.Kind)
	if in.Kind == "" {
		in.Kind = schema.KindExperience
	}
	if in.Lang == "" {
		in.Lang = words.Hindi
	}
	if !words.Has(in.Lang) {
		bad["lang"] = msgLang
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
		if in.unreadable[q.Field()] {
			bad[q.Field()] = typeMessage(q)
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
	// Whatever the kind does not ask is dropped, never stored unchecked.
	if !asked[KeyRating] {
		in.Rating = 0
	}
	if !asked[KeyVisitDate] {
		in.VisitDate = ""
	}
	if !asked[KeyComment] {
		in.Comment = ""
	}
	for key := range in.Answers {
		if _, ok := answers[key]; !ok && !asked[key] {
			delete(in.Answers, key)
		}
	}
	if in.Kind == schema.KindComplaint && strings.TrimSpace(in.Comment) == "" && !has(bad, KeyComment) {
		bad[KeyComment] = msgComplaint
	}
	checkContact(in, bad)
	if len(bad) > 0 {
		return nil, bad
	}
	return &checked{in: *in, station: station, answers: answers}, nil
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
		return strings.TrimSpace(in.VisitDate)
	case KeyComment:
		return strings.TrimSpace(in.Comment)
	}
	return strings.TrimSpace(in.Answers[q.Key])
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

func typeMessage(q Question) words.Msg {
	switch q.Type {
	case TypeRating:
		return msgRating
	case TypeDate:
		return msgDate
	case TypeText:
		return msgTooLong(q.MaxLength())
	}
	return msgChoice
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
		if n := q.MaxLength(); utf8.RuneCountInString(value) > n || !utf8.ValidString(value) {
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
	in.Name = strings.TrimSpace(in.Name)
	if utf8.RuneCountInString(in.Name) > maxName || !utf8.ValidString(in.Name) {
		bad["name"] = msgTooLong(maxName)
	}
	if in.Mobile = strings.TrimSpace(in.Mobile); in.Mobile != "" {
		if m, ok := NormalizeMobile(in.Mobile); ok {
			in.Mobile = m
		} else {
			bad["mobile"] = msgMobile
		}
	}
	switch {
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
