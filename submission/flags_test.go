package submission_test

import (
	"slices"
	"testing"

	"anubhav/schema"
	"anubhav/submission"
)

func TestFlags(t *testing.T) {
	words := []string{"bribe", "रिश्वत", "पैसे मांगे", "rape"}
	cases := []struct {
		name string
		in   submission.Input
		want []string
	}{
		{"good experience", submission.Input{Kind: schema.KindExperience, Rating: 5, Comment: "Very helpful"}, nil},
		{"rating 3 is not negative", submission.Input{Kind: schema.KindExperience, Rating: 3}, nil},
		{"rating 2 is negative", submission.Input{Kind: schema.KindExperience, Rating: 2}, []string{schema.FlagNegative}},
		{"rating 1 is negative", submission.Input{Kind: schema.KindExperience, Rating: 1}, []string{schema.FlagNegative}},
		{"unsolved problem is negative", submission.Input{Kind: schema.KindExperience, Rating: 4,
			Answers: map[string]string{"problem_solved": "no"}}, []string{schema.FlagNegative}},
		{"partly solved is not negative", submission.Input{Kind: schema.KindExperience, Rating: 4,
			Answers: map[string]string{"problem_solved": "partly"}}, nil},
		{"a complaint is not urgent by its kind", submission.Input{Kind: schema.KindComplaint, Comment: "Police park on the road",
			Answers: map[string]string{"complaint_about": "other"}}, nil},
		{"rude behaviour is not urgent by itself", submission.Input{Kind: schema.KindComplaint, Comment: "Rude",
			Answers: map[string]string{"complaint_about": "behaviour"}}, nil},
		{"money demanded is urgent", submission.Input{Kind: schema.KindComplaint, Comment: "At the desk",
			Answers: map[string]string{"complaint_about": "bribe"}}, []string{schema.FlagUrgent}},
		{"a report not written is urgent", submission.Input{Kind: schema.KindComplaint, Comment: "My daughter is harassed",
			Answers: map[string]string{"complaint_about": "no_action"}}, []string{schema.FlagUrgent}},
		{"an urgent word makes any complaint urgent", submission.Input{Kind: schema.KindComplaint, Comment: "rape threat ignored",
			Answers: map[string]string{"complaint_about": "other"}}, []string{schema.FlagUrgent}},
		{"English urgent word, any case", submission.Input{Kind: schema.KindExperience, Rating: 4, Comment: "They asked for a BRIBE."}, []string{schema.FlagUrgent}},
		{"urgent word with a suffix", submission.Input{Kind: schema.KindTip, Comment: "bribery at the check post"}, []string{schema.FlagUrgent}},
		{"Hindi urgent word", submission.Input{Kind: schema.KindExperience, Rating: 5, Comment: "मुंशी ने रिश्वत ली"}, []string{schema.FlagUrgent}},
		{"Hindi word with a suffix", submission.Input{Kind: schema.KindTip, Comment: "रिश्वतखोरी चल रही है"}, []string{schema.FlagUrgent}},
		{"Hindi phrase", submission.Input{Kind: schema.KindExperience, Rating: 5, Comment: "मुझसे पैसे मांगे गए"}, []string{schema.FlagUrgent}},
		{"urgent word in an answer", submission.Input{Kind: schema.KindTip, Answers: map[string]string{"tip_place": "bribe taken at the naka"}}, []string{schema.FlagUrgent}},
		{"no match inside a word", submission.Input{Kind: schema.KindExperience, Rating: 4, Comment: "They sell grapes nearby"}, nil},
		{"negative and urgent", submission.Input{Kind: schema.KindExperience, Rating: 1, Comment: "bribe"}, []string{schema.FlagNegative, schema.FlagUrgent}},
	}
	for _, c := range cases {
		got := submission.Flags(c.in, words)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: flags %v, want %v", c.name, got, c.want)
		}
	}
}
