// Package citizen serves what a citizen sees after scanning a station's QR code: the
// station's form (/s/{code}), the submission (POST /api/feedback), the thank-you page with
// the receipt, and tracking by receipt (/track, GET /api/track/{receipt}). Every page is
// rendered on the server and works with JavaScript off; /assets/form.js only improves it.
package citizen

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/abuse"
	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/schema"
	"anubhav/submission"
)

// FormPath is the path of a station's form for a kind; experience is the default.
func FormPath(code, kind string) string {
	if kind == schema.KindExperience || kind == "" {
		return "/s/" + code
	}
	return "/s/" + code + "/" + kind
}

type kindTab struct {
	Label, Href string
	Current     bool
}

type option struct {
	ID, Value, Label string
	Checked          bool
}

type question struct {
	ID, Field, Type, Label, Value, Error string
	Required                             bool
	Max                                  int
	Options                              []option
}

type formPage struct {
	pages.Base
	Station   submission.Station
	Kind      string
	Intro     string
	Kinds     []kindTab
	Questions []question
	Name      string
	Mobile    string
	Consent   bool
	Token     string
	Honeypot  string
	Errors    map[string]string
	// Receipt is set once the item is stored: the page then shows it instead of the form.
	Receipt string
	// Today and MinDate bound the date pickers; Messages are the texts form.js shows.
	Today, MinDate string
	Messages       string
}

// FormPage renders a station's form: GET /s/{code} and /s/{code}/{kind}.
func FormPage(e *core.RequestEvent) error {
	kind := e.Request.PathValue("kind")
	if kind == "" {
		kind = schema.KindExperience
	}
	code := e.Request.PathValue("code")
	if lower := strings.ToLower(code); lower != code && isKind(kind) {
		// a code typed from the poster by hand, in capitals
		return e.Redirect(http.StatusMovedPermanently, FormPath(lower, kind))
	}
	st, err := findStation(e.App, code)
	if err != nil || !isKind(kind) {
		return StationMissing(e)
	}
	token, err := abuse.NewToken(e.App, st.Code, time.Now())
	if err != nil {
		return err
	}
	in := submission.Input{Station: st.Code, Kind: kind, Lang: pages.Lang(e)}
	return renderForm(e, http.StatusOK, st, in, token, nil)
}

func isKind(kind string) bool { return slices.Contains(schema.FeedbackKinds, kind) }

// findStation finds an active station by its code.
func findStation(app core.App, code string) (submission.Station, error) {
	s, err := submission.FindStation(app, code)
	if err == nil && !s.Active {
		err = submission.ErrUnknownStation
	}
	return s, err
}

// StationMissing is the friendly bilingual page for an unknown or inactive station code.
func StationMissing(e *core.RequestEvent) error {
	b := pages.NewBase(e, "थाना नहीं मिला / Police station not found")
	return pages.Render(e, http.StatusNotFound, "station_missing.html", b)
}

// renderForm renders the form with what the citizen typed and the messages of a failed post.
func renderForm(e *core.RequestEvent, status int, st submission.Station, in submission.Input, token string, errs map[string]string) error {
	lang := in.Lang
	if lang != schema.LangEnglish {
		lang = schema.LangHindi
	}
	cfg, err := appconfig.Get(e.App)
	if err != nil {
		return err
	}
	qs, err := submission.QuestionsFor(e.App, in.Kind)
	if err != nil {
		return err
	}
	now := time.Now().In(cfg.Location)
	p := formPage{
		Base:     pages.Base{Lang: lang, Title: pages.T(lang, st.NameHi, st.Name) + " — " + pages.T(lang, "अनुभव", "Anubhav"), Path: FormPath(st.Code, in.Kind)},
		Station:  st,
		Kind:     in.Kind,
		Intro:    intro(lang, in.Kind),
		Name:     in.Name,
		Mobile:   in.Mobile,
		Consent:  in.Consent,
		Token:    token,
		Honeypot: abuse.HoneypotField,
		Errors:   errs,
		Today:    now.Format(time.DateOnly),
		MinDate:  now.Add(-submission.MaxAge).Format(time.DateOnly),
		Messages: jsMessages(lang),
	}
	for _, k := range schema.FeedbackKinds {
		p.Kinds = append(p.Kinds, kindTab{Label: kindLabel(lang, k), Href: FormPath(st.Code, k), Current: k == in.Kind})
	}
	for _, q := range qs {
		p.Questions = append(p.Questions, questionView(lang, q, in, errs[q.Field()]))
	}
	return pages.Render(e, status, "form.html", p)
}

func questionView(lang string, q submission.Question, in submission.Input, msg string) question {
	v := question{ID: "f-" + q.Key, Field: q.Field(), Type: q.Type, Label: pages.T(lang, q.LabelHi, q.LabelEn),
		Required: q.Required, Max: q.MaxLength(), Error: msg}
	switch q.Key {
	case submission.KeyRating:
		if in.Rating != 0 {
			v.Value = strconv.Itoa(in.Rating)
		}
	case submission.KeyVisitDate:
		v.Value = in.VisitDate
	case submission.KeyComment:
		v.Value = in.Comment
	default:
		v.Value = in.Answers[q.Key]
	}
	var opts []submission.Option
	switch q.Type {
	case submission.TypeRating:
		for i, word := range ratingWords {
			opts = append(opts, submission.Option{Value: strconv.Itoa(i + 1), LabelHi: word[0], LabelEn: word[1]})
		}
	case submission.TypeYesNo:
		opts = []submission.Option{{Value: "yes", LabelHi: "हाँ", LabelEn: "Yes"}, {Value: "no", LabelHi: "नहीं", LabelEn: "No"}}
	case submission.TypeChoice:
		opts = q.Options
	}
	for _, o := range opts {
		v.Options = append(v.Options, option{ID: v.ID + "-" + o.Value, Value: o.Value,
			Label: pages.T(lang, o.LabelHi, o.LabelEn), Checked: o.Value == v.Value})
	}
	return v
}

var ratingWords = [5][2]string{
	{"बहुत खराब", "Very bad"}, {"खराब", "Bad"}, {"ठीक", "Okay"}, {"अच्छा", "Good"}, {"बहुत अच्छा", "Very good"},
}

func kindLabel(lang, kind string) string {
	switch kind {
	case schema.KindComplaint:
		return pages.T(lang, "पुलिस के बर्ताव की शिकायत", "Complain about police conduct")
	case schema.KindTip:
		return pages.T(lang, "गैरकानूनी काम की सूचना", "Report illegal activity")
	}
	return pages.T(lang, "अपना अनुभव बताएँ", "Share your experience")
}

func intro(lang, kind string) string {
	switch kind {
	case schema.KindComplaint:
		return pages.T(lang, "आपकी शिकायत सीधे एसपी कार्यालय और एसडीओपी को जाती है, इस थाने को नहीं।",
			"Your complaint goes straight to the SP office and the SDOP, not to this police station.")
	case schema.KindTip:
		return pages.T(lang, "शराब, जुआ-सट्टा, नशा या किसी और गैरकानूनी काम की सूचना दें। नाम देना ज़रूरी नहीं है।",
			"Tell us about illegal liquor, gambling, drugs or other illegal activity. You need not give your name.")
	}
	return pages.T(lang, "थाने में आपके साथ कैसा बर्ताव हुआ? आपकी राय से पुलिस सुधरती है।",
		"How were you treated at the police station? Your views help the police improve.")
}

// jsMessages are the few texts form.js needs, in the page's language.
func jsMessages(lang string) string {
	m := map[string]string{
		"network": pages.T(lang, "भेजा नहीं जा सका। इंटरनेट देखकर फिर से भेजें; आपका लिखा हुआ सुरक्षित है।", "Could not send. Check your internet and send again; what you wrote is kept."),
		"sending": pages.T(lang, "भेज रहे हैं…", "Sending…"),
	}
	for k, msg := range submission.FormMessages() {
		m[k] = msg.In(lang)
	}
	raw, _ := json.Marshal(m)
	return string(raw)
}
