package console

import (
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/scope"
	"anubhav/submission"
	"anubhav/words"
)

// Meta is what the console's script knows of the server's own lists, so that it declares none
// of them itself: the enumerations of the schema, the actions' rules, the district settings an
// officer edits and the questionnaire. Kinds are those the officer sees (and may enter); the
// questions are in the language asked for, as the citizen's form asks them.
type Meta struct {
	Lang     string   `json:"lang"`
	Statuses []string `json:"statuses"`
	Kinds    []string `json:"kinds"`
	Flags    []string `json:"flags"`
	Channels []string `json:"channels"`
	// EntryChannels are the channels an officer enters an item from, the usual one first.
	EntryChannels []string           `json:"entry_channels"`
	Roles         []string           `json:"roles"`
	Ratings       []int              `json:"ratings"`
	Actions       []MetaAction       `json:"actions"`
	Settings      []MetaSetting      `json:"settings"`
	Questions     []submission.Asked `json:"questions"`
}

// MetaAction is one console action's rule (see rules): who may take it, on which statuses,
// the kinds it applies to, the status it leaves ("" keeps it), whether it needs a text (Body), names an officer (assign)
// and is shown to the citizen (a public reply, which may go by SMS).
type MetaAction struct {
	Name    string   `json:"name"`
	Roles   []string `json:"roles"`
	From    []string `json:"from"`
	To      string   `json:"to"`
	Body    bool     `json:"body"`
	Officer bool     `json:"officer"`
	Public  bool     `json:"public"`
	// Kinds, if any, are the only kinds of item it applies to; Praise: to praise only.
	Kinds  []string `json:"kinds"`
	Praise bool     `json:"praise"`
}

// MetaSetting is one district setting an officer edits: its name and the type of its value,
// from the config collection's field (text, number, list of words or bool).
type MetaSetting struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// The types of a setting's value.
const (
	SettingText   = "text"
	SettingNumber = "number"
	SettingList   = "list"
	SettingBool   = "bool"
)

// usualEntry is the channel most items an officer enters come by: the new entry offers it first.
const usualEntry = "phone"

// EntryChannels are the channels an officer enters an item from: every channel but the QR
// form's, the usual one first.
func EntryChannels() []string {
	out := []string{}
	for _, c := range schema.Channels {
		if c != schema.ChannelQR {
			out = append(out, c)
		}
	}
	if i := slices.Index(out, usualEntry); i > 0 {
		out = append([]string{usualEntry}, slices.Delete(out, i, i+1)...)
	}
	return out
}

// Kinds are the feedback kinds an officer sees and may enter: a station officer experience
// feedback only.
func Kinds(sc scope.Scope) []string {
	if sc.SeesComplaints() {
		return slices.Clone(schema.FeedbackKinds)
	}
	return []string{schema.KindExperience}
}

// MetaFor describes the server's lists to an officer's console, with the questionnaire in a
// language (the officer's own for "").
func MetaFor(app core.App, officer *core.Record, lang string) (*Meta, error) {
	if lang == "" {
		lang = officer.GetString("lang")
	}
	lang = words.Choose(lang)
	m := &Meta{Lang: lang, Statuses: schema.Statuses, Kinds: Kinds(scope.Of(officer)), Flags: schema.Flags,
		Channels: schema.Channels, EntryChannels: EntryChannels(), Roles: schema.Roles,
		Actions: []MetaAction{}, Settings: []MetaSetting{}, Questions: []submission.Asked{}}
	for n := 1; n <= submission.MaxRating; n++ {
		m.Ratings = append(m.Ratings, n)
	}
	for _, name := range schema.ConsoleActions {
		if r, ok := rules[name]; ok {
			m.Actions = append(m.Actions, MetaAction{Name: name, Roles: r.roles, From: r.from, To: r.to,
				Body: r.bodyRequired, Officer: name == schema.ActionAssign, Public: r.public, Kinds: r.kinds, Praise: r.praise})
		}
	}
	config, err := app.FindCachedCollectionByNameOrId(schema.Config)
	if err != nil {
		return nil, err
	}
	for _, name := range SettingsFields {
		m.Settings = append(m.Settings, MetaSetting{Name: name, Type: settingType(config.Fields.GetByName(name))})
	}
	qs, err := submission.Questionnaire(app)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		m.Questions = append(m.Questions, q.In(lang))
	}
	return m, nil
}

func settingType(f core.Field) string {
	if f == nil {
		return SettingText
	}
	switch f.Type() {
	case core.FieldTypeNumber:
		return SettingNumber
	case core.FieldTypeJSON:
		return SettingList
	case core.FieldTypeBool:
		return SettingBool
	}
	return SettingText
}

// HandleMeta answers GET /api/console/meta?lang=: the server's lists for the officer's console.
func HandleMeta(e *core.RequestEvent) error {
	m, err := MetaFor(e.App, e.Auth, e.Request.URL.Query().Get("lang"))
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, m)
}
