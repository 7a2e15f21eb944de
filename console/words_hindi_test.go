package console_test

import (
	"strings"
	"testing"

	"anubhav/console"
)

// Issue 13, point 12: the console says review states as समीक्षा (not जाँच, an investigation),
// in the same words as the digest, and in plain Hindi.
func TestTheConsolesHindiWords(t *testing.T) {
	hi := console.WordsIn("hi").Words
	for key, want := range map[string]string{
		"status.in_review":      "समीक्षा में",
		"overdue.review":        "समीक्षा बाकी",
		"action.review":         "समीक्षा शुरू करें",
		"console.flag":          "चिह्न",
		"flag.burst":            "एक ही फ़ोन से कई बार",
		"console.att_escalated": "उच्च अधिकारी को भेजे गए",
		"console.words":         "टिप्पणी में खोजें",
		"console.digest":        "मेरी दैनिक रिपोर्ट",
		"overdue.any":           "समय-सीमा पार",
		"flag.urgent":           "अति आवश्यक",
	} {
		if hi[key] != want {
			t.Errorf("%s is %q, want %q", key, hi[key], want)
		}
	}
	for key, word := range hi {
		for _, old := range []string{"जाँच", "निशान", "ऊपर भेज", "समय से पीछे", "डाइजेस्ट", "एक साथ कई"} {
			if strings.Contains(word, old) {
				t.Errorf("%s says %q: %q", key, old, word)
			}
		}
	}
}
