package appconfig

import (
	"encoding/json"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/tools/types"
)

// Problem is what is wrong with one setting, in Hindi and in English.
type Problem struct{ Hi, En string }

// In says the problem in a language ("en" or Hindi).
func (p Problem) In(lang string) string {
	if lang == "en" {
		return p.En
	}
	return p.Hi
}

// Limits of the settings (the console's form and the dashboard share them).
const (
	MaxReviewDays    = 30
	MaxActionDays    = 90
	MaxRetentionDays = 3650 // ten years
	maxUrgentWords   = 500
	maxUrgentWord    = 60
)

var (
	clock      = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	headerName = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
)

// checks says, per setting, what a value must be. Values come as a JSON body decodes them
// (float64, string, bool, []any) or as a record holds them.
var checks = map[string]func(v any) *Problem{
	"district_name":    text(120),
	"district_name_hi": text(120),
	"campaign_name":    text(80),
	"campaign_name_hi": text(80),
	"review_days":      days(MaxReviewDays),
	"action_days":      days(MaxActionDays),
	"retention_days":   days(MaxRetentionDays),
	"urgent_words":     urgentWords,
	"digest_time":      digestTime,
	"sms_enabled":      boolean,
	"sms_url":          gatewayURL,
	"sms_method":       method,
	"sms_headers":      headers,
	"sms_body":         anyText(4000),
	"timezone":         timezone,
}

// Check checks the given settings and returns a problem per bad one. A name it does not know
// is the caller's to refuse.
func Check(values map[string]any) map[string]Problem {
	out := map[string]Problem{}
	for name, v := range values {
		if check, ok := checks[name]; ok {
			if p := check(v); p != nil {
				out[name] = *p
			}
		}
	}
	return out
}

func text(max int) func(any) *Problem {
	return func(v any) *Problem {
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > max || strings.ContainsAny(s, "\r\n\x00") {
			return &Problem{"एक पंक्ति में नाम लिखें (" + itoa(max) + " अक्षर तक)", "Write a name on one line (up to " + itoa(max) + " characters)"}
		}
		return nil
	}
}

func anyText(max int) func(any) *Problem {
	return func(v any) *Problem {
		s, ok := v.(string)
		if !ok || utf8.RuneCountInString(s) > max || strings.ContainsRune(s, 0) {
			return &Problem{"यहाँ " + itoa(max) + " अक्षर तक लिखें", "Write up to " + itoa(max) + " characters here"}
		}
		return nil
	}
}

func days(max int) func(any) *Problem {
	return func(v any) *Problem {
		n, ok := number(v)
		if !ok || n != math.Trunc(n) || n < 1 || n > float64(max) {
			return &Problem{"1 से " + itoa(max) + " तक पूरे दिन लिखें", "Write a whole number of days from 1 to " + itoa(max)}
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

func urgentWords(v any) *Problem {
	bad := &Problem{"शब्दों की सूची दें, हर शब्द अलग पंक्ति में (" + itoa(maxUrgentWords) + " शब्द तक, हर शब्द " + itoa(maxUrgentWord) + " अक्षर तक)",
		"Give a list of words, one per line (up to " + itoa(maxUrgentWords) + " words of up to " + itoa(maxUrgentWord) + " characters)"}
	var words []any
	switch w := v.(type) {
	case []any:
		words = w
	case []string:
		for _, s := range w {
			words = append(words, s)
		}
	case types.JSONRaw:
		if err := json.Unmarshal(w, &words); err != nil || words == nil {
			return bad
		}
	default:
		return bad
	}
	if len(words) > maxUrgentWords {
		return bad
	}
	for _, word := range words {
		s, ok := word.(string)
		if !ok || strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > maxUrgentWord || strings.ContainsAny(s, "\r\n\x00") {
			return bad
		}
	}
	return nil
}

func digestTime(v any) *Problem {
	if s, ok := v.(string); !ok || !clock.MatchString(s) {
		return &Problem{"समय घंटे:मिनट में लिखें, जैसे 08:00", "Write the time as HH:MM, e.g. 08:00"}
	}
	return nil
}

func boolean(v any) *Problem {
	if _, ok := v.(bool); !ok {
		return &Problem{"हाँ या नहीं चुनें", "Choose on or off"}
	}
	return nil
}

func gatewayURL(v any) *Problem {
	s, ok := v.(string)
	if !ok {
		return &Problem{"पता http:// या https:// से लिखें", "Write an address that starts with http:// or https://"}
	}
	if s == "" {
		return nil // no gateway of its own
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \r\n") {
		return &Problem{"पता http:// या https:// से लिखें", "Write an address that starts with http:// or https://"}
	}
	return nil
}

func method(v any) *Problem {
	if s, ok := v.(string); !ok || (s != "" && s != "GET" && s != "POST") {
		return &Problem{"GET या POST चुनें", "Choose GET or POST"}
	}
	return nil
}

// headers are "Name: value" lines; a CR, or a name that is not an HTTP token, would let a
// value smuggle a header or a request of its own.
func headers(v any) *Problem {
	s, ok := v.(string)
	bad := &Problem{"हर पंक्ति में एक 'Name: value' लिखें; नाम में केवल अंग्रेज़ी अक्षर, अंक और - हों",
		"Write one 'Name: value' per line; a name holds only letters, digits and -"}
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

func timezone(v any) *Problem {
	s, ok := v.(string)
	if !ok {
		s = "?"
	}
	if _, err := time.LoadLocation(s); err != nil { // "" is UTC to Go; the deployment reads it as Asia/Kolkata
		return &Problem{"Asia/Kolkata जैसा समय क्षेत्र लिखें", "Write a time zone such as Asia/Kolkata"}
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
