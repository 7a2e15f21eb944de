package submission

import (
	"strconv"

	"anubhav/schema"
	"anubhav/words"
)

// MaxRating is the highest rating, of the overall stars and of every rating question (1 to 5).
const MaxRating = 5

// Asked is a question as a form asks it, in one language: the one description of the
// questionnaire that both forms draw. The citizen's form renders it on the server
// (citizen/form.go); the console's "new entry" gets it from GET /api/console/meta and draws
// the same fields. Name is the submission's field (rating, visit_date, comment or
// answers.{key}); Options are the answers to pick from (1 to MaxRating for a rating, yes and
// no for a yesno, the options of a choice), labelled; Kinds are the feedback kinds that ask
// it; Max is the longest text answer; Long marks a text answered in a paragraph (the comment).
type Asked struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Label    string   `json:"label"`
	Required bool     `json:"required"`
	Max      int      `json:"max"`
	Long     bool     `json:"long"`
	Kinds    []string `json:"kinds"`
	Options  []Choice `json:"options"`
}

// Choice is one answer to pick, with its label.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// In describes the question as asked in a language (its labels by words.Name's rule).
func (q Question) In(lang string) Asked {
	a := Asked{Key: q.Key, Name: q.Field(), Type: q.Type, Label: words.Name(lang, q.LabelHi, q.LabelEn),
		Required: q.Required, Max: q.MaxLength(), Long: q.Key == KeyComment, Kinds: q.Kinds, Options: []Choice{}}
	if a.Kinds == nil {
		a.Kinds = []string{}
	}
	switch q.Type {
	case TypeRating:
		for n := 1; n <= MaxRating; n++ {
			v := strconv.Itoa(n)
			a.Options = append(a.Options, Choice{v, words.T(lang, "rating."+v)})
		}
	case TypeYesNo:
		a.Options = append(a.Options, Choice{"yes", words.T(lang, "answer.yes")}, Choice{"no", words.T(lang, "answer.no")})
	case TypeChoice:
		for _, o := range q.Options {
			a.Options = append(a.Options, Choice{o.Value, words.Name(lang, o.LabelHi, o.LabelEn)})
		}
	}
	return a
}

// kindLabels are the catalog's labels of the shared questions on the forms whose meaning
// differs: on a complaint the text is what happened and the officer is the one complained
// about, on a tip-off the text is the information. The stored label (a row of questions,
// which a district edits in the dashboard) is the experience form's and every other form's;
// these few words are catalog words, which a district rewords in its data folder's
// words/hi.json or en.json (words.LoadDir) like any other shown word.
var kindLabels = map[string]map[string]string{
	schema.KindComplaint: {KeyComment: "question.comment.complaint", "officer_name": "question.officer_name.complaint"},
	schema.KindTip:       {KeyComment: "question.comment.tip"},
}

// For describes the question as a kind's form asks it: its kind's label where the catalog
// has one, and the complaint's text required (as Validate requires it), so the page marks it
// and form.js checks it before sending.
func (q Question) For(lang, kind string) Asked {
	a := q.In(lang)
	if key, ok := kindLabels[kind][q.Key]; ok {
		a.Label = words.T(lang, key)
	}
	if kind == schema.KindComplaint && q.Key == KeyComment {
		a.Required = true
	}
	return a
}
