package dashboard

import (
	"slices"
	"strconv"

	"anubhav/rollups"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/words"
)

// textLimit is how many of a text question's answers are shown: the most given.
const textLimit = 20

// Question is one question's answers over the period, in the officer's language.
type Question struct {
	Key      string   `json:"key"`
	Type     string   `json:"type"`
	Label    string   `json:"label"`
	Answered int      `json:"answered"`
	Options  []Option `json:"options"`
}

// Option is one answer and how often it was given.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Text is a text question's most given answers (supervisors only).
type Text struct {
	Key    string      `json:"key"`
	Label  string      `json:"label"`
	Values []TextCount `json:"values"`
}

type TextCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// questions counts every active rating, yes/no and choice question's answers, with every
// option listed (a 0 shows too), in the questionnaire's order.
func questions(rd reader) ([]Question, error) {
	qs, err := asked(rd)
	if err != nil {
		return nil, err
	}
	rows, err := rd.answers()
	if err != nil {
		return nil, err
	}
	counts := map[string]map[string]int{}
	for _, c := range rows {
		if counts[c.Measure] == nil {
			counts[c.Measure] = map[string]int{}
		}
		counts[c.Measure][c.Value] += c.N
	}
	lang := rd.r.lang
	out := []Question{}
	for _, q := range qs {
		if opts := count(lang, q, counts[rollups.Answer+q.Key]); opts != nil {
			out = append(out, *opts)
		}
	}
	return out, nil
}

// count is a question's answers as given, each option listed; nil for a question whose
// answers are not counted (text, date).
func count(lang string, q submission.Question, given map[string]int) *Question {
	var opts []Option
	switch q.Type {
	case submission.TypeRating:
		for n := 5; n >= 1; n-- {
			v := strconv.Itoa(n)
			opts = append(opts, Option{Value: v, Label: words.T(lang, "dashboard.stars", "n", n)})
		}
	case submission.TypeYesNo:
		for _, v := range []string{"yes", "no"} {
			opts = append(opts, Option{Value: v, Label: words.T(lang, "answer."+v)})
		}
	case submission.TypeChoice:
		for _, o := range q.Options {
			opts = append(opts, Option{Value: o.Value, Label: words.Name(lang, o.LabelHi, o.LabelEn)})
		}
	default:
		return nil
	}
	answered := 0
	for i := range opts {
		opts[i].Count = given[opts[i].Value]
		answered += opts[i].Count
	}
	return &Question{Key: q.Key, Type: q.Type, Label: words.Name(lang, q.LabelHi, q.LabelEn), Answered: answered, Options: opts}
}

// texts lists each active text question's most given answers, but the comment: the item's
// own story, read in the inbox, not counted.
func texts(rd reader) ([]Text, error) {
	qs, err := asked(rd)
	if err != nil {
		return nil, err
	}
	out := []Text{}
	for _, q := range qs {
		if q.Type != submission.TypeText || q.Own() {
			continue
		}
		rows, err := rd.topTexts(q.Key, textLimit)
		if err != nil {
			return nil, err
		}
		t := Text{Key: q.Key, Label: words.Name(rd.r.lang, q.LabelHi, q.LabelEn), Values: []TextCount{}}
		for _, c := range rows {
			t.Values = append(t.Values, TextCount{Value: c.Value, Count: c.N})
		}
		out = append(out, t)
	}
	return out, nil
}

// asked are the active questions asked of the kinds the officer sees (a station: its
// experience items only).
func asked(rd reader) ([]submission.Question, error) {
	all, err := submission.Questionnaire(rd.app)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(slices.Clone(all), func(q submission.Question) bool {
		return rd.r.experienceOnly() && !q.AskedFor(schema.KindExperience)
	}), nil
}
