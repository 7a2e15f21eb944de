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
	"anubhav/words"
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
	Station submission.Station
	Kind    string
	Intro   string
	// Reads says who reads this kind: the station, or senior officers only.
	Reads     string
	Kinds     []kindTab
	Questions []question
	Name      string
	Mobile    string
	Consent   bool
	Token     string
	Honeypot  string
	Errors    map[string]string
	// Receipt stays empty: form.js writes the one it receives into the page's sent block.
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
	var notice map[string]string
	if _, err := e.Request.Cookie(sentCookie); err == nil {
		// Back after a plain post: the refilled form would be stored again (see sentCookie)
		notice = map[string]string{"": words.T(words.Choose(in.Lang), "form.sent_recently")}
	}
	return renderForm(e, http.StatusOK, st, in, token, notice)
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

// StationMissing is the friendly page for an unknown or inactive station code, in every
// language: whoever scanned it may not have chosen one yet.
func StationMissing(e *core.RequestEvent) error {
	var titles []string
	for _, l := range words.Langs() {
		titles = append(titles, words.T(l, "station_missing.title"))
	}
	b := pages.NewBase(e, strings.Join(titles, " / "))
	return pages.Render(e, http.StatusNotFound, "station_missing.html", b)
}

// renderForm renders the form with what the citizen typed and the messages of a failed post.
func renderForm(e *core.RequestEvent, status int, st submission.Station, in submission.Input, token string, errs map[string]string) error {
	lang := words.Choose(in.Lang)
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
		Base:     pages.Base{Lang: lang, Title: words.Name(lang, st.NameHi, st.Name) + " — " + words.T(lang, "app.name"), Path: FormPath(st.Code, in.Kind)},
		Station:  st,
		Kind:     in.Kind,
		Intro:    words.T(lang, "form.intro."+in.Kind),
		Reads:    words.T(lang, "form.reads."+in.Kind),
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
		p.Kinds = append(p.Kinds, kindTab{Label: words.T(lang, "form.tab."+k), Href: FormPath(st.Code, k), Current: k == in.Kind})
	}
	for _, q := range qs {
		p.Questions = append(p.Questions, questionView(q.For(lang, in.Kind), q, in, errs[q.Field()]))
	}
	return pages.Render(e, status, "form.html", p)
}

// questionView is the questionnaire's one description of a question as its kind asks it
// (submission.Asked, which the console's new entry draws too) with what the citizen typed
// and its message.
func questionView(a submission.Asked, q submission.Question, in submission.Input, msg string) question {
	v := question{ID: "f-" + a.Key, Field: a.Name, Type: a.Type, Label: a.Label, Required: a.Required, Max: a.Max, Error: msg}
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
	for _, o := range a.Options {
		v.Options = append(v.Options, option{ID: v.ID + "-" + o.Value, Value: o.Value, Label: o.Label, Checked: o.Value == v.Value})
	}
	return v
}

// jsMessages are the few texts form.js needs, in the page's language.
func jsMessages(lang string) string {
	m := map[string]string{}
	for _, k := range []string{"network", "sending", "waiting", "offline"} {
		m[k] = words.T(lang, "form."+k)
	}
	m["too_many"] = words.T(lang, "error.too_many")
	for k, msg := range submission.FormMessages() {
		m[k] = msg.In(lang)
	}
	raw, _ := json.Marshal(m)
	return string(raw)
}
