package appconfig

import (
	"encoding/json"
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/words"
)

// Limits of the settings (the console's form and the dashboard share them).
const (
	MaxReviewDays    = 30
	MaxActionDays    = 90
	MaxRetentionDays = 3650 // ten years
	maxUrgentWords   = 500
	maxUrgentWord    = 60
	maxReplies       = 20
	maxReply         = 1000
)

var (
	clock      = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	headerName = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
)

// checks says, per setting, what a value must be. Values come as a JSON body decodes them
// (float64, string, bool, []any) or as a record holds them.
var checks = map[string]func(v any) *words.Msg{
	"district_name":    text(120),
	"district_name_hi": text(120),
	"campaign_name":    text(80),
	"campaign_name_hi": text(80),
	"review_days":      days(MaxReviewDays),
	"action_days":      days(MaxActionDays),
	"retention_days":   days(MaxRetentionDays),
	"urgent_words":     lines("error.urgent_words", "words", maxUrgentWords, maxUrgentWord),
	"replies":          optional(lines("error.replies", "n", maxReplies, maxReply)),
	"replies_hi":       optional(lines("error.replies", "n", maxReplies, maxReply)),
	"digest_time":      digestTime,
	"sms_enabled":      boolean,
	"public_stats":     boolean,
	"sms_url":          gatewayURL,
	"sms_method":       method,
	"sms_headers":      headers,
	"sms_body":         anyText(4000),
	"timezone":         timezone,
}

// Check checks the given settings and returns a problem per bad one, said in its reader's
// language. A name it does not know is the caller's to refuse.
func Check(values map[string]any) map[string]words.Msg {
	out := map[string]words.Msg{}
	for name, v := range values {
		if check, ok := checks[name]; ok {
			if p := check(v); p != nil {
				out[name] = *p
			}
		}
	}
	return out
}

// problem is a setting's message, for the checks to return.
func problem(key string, args ...any) *words.Msg {
	m := words.M(key, args...)
	return &m
}

func text(max int) func(any) *words.Msg {
	return func(v any) *words.Msg {
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > max || strings.ContainsAny(s, "\r\n\x00") {
			return problem("error.setting_name", "max", max)
		}
		return nil
	}
}

func anyText(max int) func(any) *words.Msg {
	return func(v any) *words.Msg {
		s, ok := v.(string)
		if !ok || utf8.RuneCountInString(s) > max || strings.ContainsRune(s, 0) {
			return problem("error.setting_text", "max", max)
		}
		return nil
	}
}

func days(max int) func(any) *words.Msg {
	return func(v any) *words.Msg {
		n, ok := number(v)
		if !ok || n != math.Trunc(n) || n < 1 || n > float64(max) {
			return problem("error.days", "max", max)
		}
		return nil
	}
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// lines checks a list of one-line texts (urgent words, canned replies): at most most of
// them, each of 1 to longest characters; problem is said with the two limits.
func lines(key, countArg string, most, longest int) func(v any) *words.Msg {
	return func(v any) *words.Msg {
		return checkLines(v, problem(key, countArg, most, "max", longest), most, longest)
	}
}

// optional lets a setting be unset (a district made before it existed has none).
func optional(check func(v any) *words.Msg) func(v any) *words.Msg {
	return func(v any) *words.Msg {
		if raw, isRaw := v.(types.JSONRaw); v == nil || isRaw && (len(raw) == 0 || string(raw) == "null") {
			return nil
		}
		return check(v)
	}
}

func checkLines(v any, bad *words.Msg, most, longest int) *words.Msg {
	var list []any
	switch w := v.(type) {
	case []any:
		list = w
	case []string:
		for _, s := range w {
			list = append(list, s)
		}
	case types.JSONRaw:
		if err := json.Unmarshal(w, &list); err != nil || list == nil {
			return bad
		}
	default:
		return bad
	}
	if len(list) > most {
		return bad
	}
	for _, word := range list {
		s, ok := word.(string)
		if !ok || strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > longest || strings.ContainsAny(s, "\r\n\x00") {
			return bad
		}
	}
	return nil
}

func digestTime(v any) *words.Msg {
	if s, ok := v.(string); !ok || !clock.MatchString(s) {
		return problem("error.time")
	}
	return nil
}

func boolean(v any) *words.Msg {
	if _, ok := v.(bool); !ok {
		return problem("error.on_off")
	}
	return nil
}

func gatewayURL(v any) *words.Msg {
	s, ok := v.(string)
	if !ok {
		return problem("error.url")
	}
	if s == "" {
		return nil // no gateway of its own
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \r\n") {
		return problem("error.url")
	}
	return nil
}

func method(v any) *words.Msg {
	if s, ok := v.(string); !ok || (s != "" && s != "GET" && s != "POST") {
		return problem("error.method")
	}
	return nil
}

// headers are "Name: value" lines; a CR, or a name that is not an HTTP token, would let a
// value smuggle a header or a request of its own.
func headers(v any) *words.Msg {
	s, ok := v.(string)
	bad := problem("error.headers")
	if !ok || strings.ContainsAny(s, "\r\x00") || utf8.RuneCountInString(s) > 2000 {
		return bad
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, _, found := strings.Cut(line, ":")
		if !found || !headerName.MatchString(strings.TrimSpace(name)) {
			return bad
		}
	}
	return nil
}

func timezone(v any) *words.Msg {
	s, ok := v.(string)
	if !ok {
		s = "?"
	}
	if _, err := time.LoadLocation(s); err != nil { // "" is UTC to Go; the deployment reads it as Asia/Kolkata
		return problem("error.timezone")
	}
	return nil
}
