package submission

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// The questions whose answers are the feedback item's own fields, not entries of answers.
const (
	KeyRating    = "rating"
	KeyVisitDate = "visit_date"
	KeyComment   = "comment"
)

// Question types.
const (
	TypeRating = "rating"
	TypeYesNo  = "yesno"
	TypeChoice = "choice"
	TypeText   = "text"
	TypeDate   = "date"
)

// Option is one answer of a choice question.
type Option struct {
	Value   string `json:"value"`
	LabelEn string `json:"label_en"`
	LabelHi string `json:"label_hi"`
}

// Question is one active question of the questionnaire.
type Question struct {
	Key      string
	Type     string
	LabelEn  string
	LabelHi  string
	Options  []Option
	Kinds    []string
	Required bool
}

// Field is the name of the question's field in a submission: its key for the item's own
// fields, answers.{key} for the others.
func (q Question) Field() string {
	if q.Own() {
		return q.Key
	}
	return "answers." + q.Key
}

// Own tells whether the answer is one of the item's own fields (rating, visit_date, comment).
func (q Question) Own() bool {
	return q.Key == KeyRating || q.Key == KeyVisitDate || q.Key == KeyComment
}

// AskedFor tells whether the question is asked for a kind of feedback.
func (q Question) AskedFor(kind string) bool { return slices.Contains(q.Kinds, kind) }

// MaxLength is the longest text answer, in characters.
func (q Question) MaxLength() int {
	if q.Key == KeyComment {
		return 2000
	}
	return 300
}

const questionsKey = "anubhav.questions"

// Questionnaire returns the active questions in their order. It is cached until a question
// changes (ForgetQuestions), so the form and every submission read it for free.
func Questionnaire(app core.App) ([]Question, error) {
	if qs, ok := app.Store().GetOk(questionsKey); ok {
		return qs.([]Question), nil
	}
	records, err := app.FindRecordsByFilter(schema.Questions, "active = true", "sort,key", 0, 0)
	if err != nil {
		return nil, err
	}
	qs := make([]Question, 0, len(records))
	for _, r := range records {
		q := Question{Key: r.GetString("key"), Type: r.GetString("type"), LabelEn: r.GetString("label_en"),
			LabelHi: r.GetString("label_hi"), Kinds: r.GetStringSlice("kinds"), Required: r.GetBool("required")}
		if err := r.UnmarshalJSONField("options", &q.Options); err != nil && q.Type == TypeChoice {
			return nil, err
		}
		qs = append(qs, q)
	}
	app.Store().Set(questionsKey, qs)
	return qs, nil
}

// QuestionsFor returns the active questions asked for a kind of feedback, in their order.
func QuestionsFor(app core.App, kind string) ([]Question, error) {
	all, err := Questionnaire(app)
	if err != nil {
		return nil, err
	}
	var qs []Question
	for _, q := range all {
		if q.AskedFor(kind) {
			qs = append(qs, q)
		}
	}
	return qs, nil
}

// ForgetQuestions drops the cached questionnaire; hooks call it whenever a question is saved
// or deleted.
func ForgetQuestions(app core.App) { app.Store().Remove(questionsKey) }
