package citizen_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// Each form says, in Hindi and in English, its own description label, who reads it, and 112;
// the complaint's text is marked required; the reviewed words replace the old ones.
func TestEachFormInItsOwnWords(t *testing.T) {
	emergency := map[string]string{"hi": "आपातकाल में तुरंत 112 डायल करें", "en": "In an emergency, dial 112 now"}
	cases := []struct {
		url       string
		want, not []string
	}{
		{"/s/st-a", []string{`<p class="small">* वाले सवालों का जवाब देना ज़रूरी है।</p>`, `<label for="f-comment">आपके सुझाव या कोई और बात</label>`, "आपकी राय से हम अपनी सेवा बेहतर बनाएँगे",
			"थाने में आपके साथ कैसा व्यवहार हुआ?", "यह फ़ॉर्म थाना भी पढ़ता है, तारीख के साथ; छोटी चौकी में आपको पहचाना जा सकता है।",
			"केवल वरिष्ठ अधिकारी (एसपी कार्यालय, एसडीओपी/सीएसपी, रेंज आईजी कार्यालय) पढ़ते हैं", "एफआईआर/शिकायत दर्ज कराने", "सत्यापन के लिए",
			"गुम सामान की रिपोर्ट के लिए", "पूछताछ के लिए बुलाया गया था", "किसी और काम से", "स्टाफ़ का व्यवहार कैसा था?",
			"अगर आप चाहते हैं कि पुलिस आपसे संपर्क करे, तो यह बॉक्स टिक करें। नहीं तो नाम और मोबाइल मिटा दें।",
			`<label for="f-hp">यहाँ कुछ न लिखें</label>`, "इंटरनेट कनेक्शन जाँचकर फिर से भेजें"},
			[]string{"पुलिस सुधरती है", "बर्ताव", "खाना", "पूरी बात बताइए", "पूरी बात लिखें — कब"}},
		{"/s/st-a?lang=en", []string{`<label for="f-comment">Your suggestions, or anything else</label>`,
			"Your views help us serve you better.", "The police station itself reads this form, with its date; at a small post you may be recognised.",
			"Complaints and tip-offs are read only by senior officers (the SP office, the SDOP/CSP, the range IG office), never by the police station.",
			"To register an FIR / complaint", "For something else", "Tick this box if you want the police to contact you."},
			[]string{"help the police improve", "What happened?"}},
		{"/s/st-a/complaint", []string{`<label for="f-comment">क्या हुआ? पूरी बात लिखें — कब, कहाँ, किसने *</label>`,
			`<label for="f-officer_name">जिस पुलिसकर्मी की शिकायत है, उसका नाम/पद (पता हो तो)</label>`,
			"आपकी शिकायत केवल वरिष्ठ अधिकारी (एसपी कार्यालय, एसडीओपी/सीएसपी, रेंज आईजी कार्यालय) पढ़ते हैं। यह इस थाने को कभी नहीं भेजी जाती।",
			"बुरा व्यवहार", "पुलिस के व्यवहार की शिकायत"},
			[]string{"आपके सुझाव या कोई और बात", "जिस अधिकारी ने आपकी बात सुनी", "बर्ताव", "यह फ़ॉर्म थाना भी पढ़ता है"}},
		{"/s/st-a/complaint?lang=en", []string{`<label for="f-comment">What happened? Tell us all of it — when, where, who *</label>`,
			`<label for="f-officer_name">Name or rank of the officer you complain about (if you know)</label>`,
			"It is never sent to this police station."},
			[]string{"who attended you", "Your suggestions"}},
		{"/s/st-a/tip", []string{`<label for="f-comment">पूरी जानकारी लिखें — क्या, कौन, किस समय</label>`,
			"आपकी सूचना केवल वरिष्ठ अधिकारी (एसपी कार्यालय, एसडीओपी/सीएसपी, रेंज आईजी कार्यालय) पढ़ते हैं। आपका नाम और मोबाइल किसी थाने को नहीं दिया जाता।"},
			[]string{"आपके सुझाव या कोई और बात", "यह फ़ॉर्म थाना भी पढ़ता है"}},
		{"/s/st-a/tip?lang=en", []string{`<label for="f-comment">Give all the details — what, who, and when</label>`,
			"Your name and mobile are never given to a police station."},
			[]string{"Your suggestions"}},
	}
	for _, c := range cases {
		lang := "hi"
		if strings.HasSuffix(c.url, "lang=en") {
			lang = "en"
		}
		s := page(c.url, c.url, http.StatusOK, append(c.want, `<a href="tel:112">`+emergency[lang]), c.not)
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			body, _ := io.ReadAll(res.Body)
			required := regexp.MustCompile(`<textarea id="f-comment"[^>]* required>`).Match(body)
			if complaint := strings.Contains(c.url, "complaint"); required != complaint {
				t.Errorf("%s: the text's required attribute is %v", c.url, required)
			}
		}
		s.Test(t)
	}
}

// /track says each kind's status in words that fit it (praise is never "under
// investigation"), its dates in the reader's language, and tells a malformed number from an
// unknown one; every well-formed unknown number gets one and the same answer.
func TestTrackSpeaksTheCitizensWords(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	praise, _ := post(t, srv.Client(), srv.URL, signed(t, app, answers()))
	complaint, _ := post(t, srv.Client(), srv.URL, signed(t, app, with(answers(), "kind", "complaint", "rating", "",
		"answers.staff_available", "", "answers.staff_helped", "", "answers.behaviour", "", "answers.problem_solved", "",
		"answers.complaint_about", "delay", "comment", "Kept waiting all day")))
	tip, _ := post(t, srv.Client(), srv.URL, signed(t, app, url.Values{"station": {"st-a"}, "kind": {"tip"}, "lang": {"en"},
		"answers.tip_about": {"gambling"}, "answers.tip_place": {"Old market"}}))
	if praise == "" || complaint == "" || tip == "" {
		t.Fatalf("receipts %q %q %q", praise, complaint, tip)
	}
	track := func(receipt, lang string) (int, string) {
		res, err := srv.Client().PostForm(srv.URL+"/track?lang="+lang, url.Values{"receipt": {receipt}})
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	status := regexp.MustCompile(`<b id="status">([^<]*)</b>`)
	today := time.Now().In(ist())
	cases := []struct {
		receipt, state, lang, want string
	}{
		{praise, schema.StatusNew, "hi", "मिल गई है, धन्यवाद"},
		{praise, schema.StatusInReview, "hi", "आपकी बात देखी जा रही है"},
		{praise, schema.StatusInReview, "en", "Your feedback is being read"},
		{praise, schema.StatusActionTaken, "hi", "आपकी बात पर ध्यान दिया गया"},
		{praise, schema.StatusClosed, "en", "Read — thank you"},
		{complaint, schema.StatusNew, "hi", "मिल गई है, वरिष्ठ अधिकारी जल्द देखेंगे"},
		{complaint, schema.StatusInReview, "hi", "आपकी बात देखी जा रही है"},
		{complaint, schema.StatusActionTaken, "en", "Action taken on your complaint"},
		{complaint, schema.StatusSpam, "hi", "शिकायत बंद की गई"},
		{tip, schema.StatusClosed, "hi", "सूचना बंद की गई"},
		{tip, schema.StatusClosed, "en", "Tip-off closed"},
	}
	for _, c := range cases {
		item := testapp.ItemOf(t, app, c.receipt)
		item.Set("status", c.state)
		if err := app.Save(item); err != nil {
			t.Fatal(err)
		}
		code, body := track(c.receipt, c.lang)
		m := status.FindStringSubmatch(body)
		if code != http.StatusOK || m == nil || m[1] != c.want {
			t.Errorf("%s %s in %s: %d, status %v, want %q", item.GetString("kind"), c.state, c.lang, code, m, c.want)
		}
		if strings.Contains(body, "जाँच") {
			t.Errorf("%s %s: the citizen reads of an investigation", item.GetString("kind"), c.state)
		}
		if day := words.Date(c.lang, today); !strings.Contains(body, day) || strings.Contains(body, today.Format(time.DateOnly)) {
			t.Errorf("%s: the date is not %q", c.lang, day)
		}
	}
	if d := words.Date("hi", today); !strings.Contains(d, words.T("hi", "month."+strings.TrimLeft(today.Format("01"), "0"))) {
		t.Errorf("a Hindi date without its month's name: %q", d)
	}

	// Unknown: any well-formed number, however typed, gets the same page; malformed its own.
	known := strings.ReplaceAll(praise, "-", "")
	unknown := []string{"0000-0000-0000-0001", "1111 2222 3333 4444", "९९९९८८८८७७७७६६६६"}
	if known == "0000000000000001" {
		unknown[0] = "0000-0000-0000-0002"
	}
	_, first := track(unknown[0], "hi")
	for _, u := range unknown {
		code, body := track(u, "hi")
		body = strings.Replace(body, `value="`+u+`"`, `value="`+unknown[0]+`"`, 1)
		if code != http.StatusNotFound || body != first || !strings.Contains(body, "इस रसीद नंबर से कुछ नहीं मिला।") {
			t.Errorf("unknown %q: %d, or a page unlike the others'", u, code)
		}
	}
	for _, m := range []string{"1234", "1234-5678-9012-34567", "1234-5678-9012-345x", "abcd"} {
		code, body := track(m, "en")
		if code != http.StatusBadRequest || !strings.Contains(body, "A receipt number has 16 digits, like 1234-5678-9012-3456.") ||
			strings.Contains(body, "Nothing was found") {
			t.Errorf("malformed %q: %d", m, code)
		}
	}
}
