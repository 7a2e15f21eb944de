package submission

import (
	"strconv"

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
