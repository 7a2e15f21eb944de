package console

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/scope"
	"anubhav/sms"
	"anubhav/words"
)

// Answer is one answer of an item, labelled in the officer's language.
type Answer struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Type  string `json:"type"`
	// Value is the stored answer; Text says it in the officer's language (a choice's label,
	// yes/no, or the value itself).
	Value any    `json:"value"`
	Text  string `json:"text"`
}

// Contact is who gave an item, where the officer may see it.
type Contact struct {
	Name   string `json:"name"`
	Mobile string `json:"mobile"`
}

// Entry is one follow-up of an item's thread.
type Entry struct {
	ID         string `json:"id" db:"id"`
	Kind       string `json:"kind" db:"kind"`
	Action     string `json:"action" db:"action"`
	Body       string `json:"body" db:"body"`
	Public     bool   `json:"public" db:"public"`
	FromStatus string `json:"from_status" db:"from_status"`
	ToStatus   string `json:"to_status" db:"to_status"`
	Author     string `json:"author" db:"-"`
	// Created is when the entry was written; a station officer gets the Date only (an
	// officer's quick first action would tell when the item came).
	Created string `json:"created,omitempty" db:"created"`
	Date    string `json:"date" db:"-"`
}

// SMS says whether a public reply would also go by SMS, and if not, why.
type SMS struct {
	// Possible: the citizen consented and gave a mobile (told only to those who see contacts).
	Possible bool `json:"possible"`
	// Gateway: the district has an SMS gateway switched on.
	Gateway bool `json:"gateway"`
}

// Detail is one item as the console shows it.
type Detail struct {
	Row
	Comment   string   `json:"comment"`
	VisitDate string   `json:"visit_date"`
	Lang      string   `json:"lang"`
	Answers   []Answer `json:"answers"`
	// Contact is nil where the citizen gave none, did not consent, or the role may not see it.
	Contact *Contact `json:"contact"`
	Thread  []Entry  `json:"thread"`
	Actions []string `json:"actions"`
	// Assignable lists the officers the item may be assigned to (for those who may assign).
	Assignable []OfficerRef `json:"assignable"`
	SMS        SMS          `json:"sms"`
	// AssignedPhone is the assignee's phone, to call them from the item.
	AssignedPhone string `json:"assigned_phone"`
	// Replies are the district's canned public replies in the item's language (for those who
	// may reply).
	Replies []string `json:"replies"`
}

// OfficerRef names an officer.
type OfficerRef struct {
	ID    string `json:"id" db:"id"`
	Name  string `json:"name" db:"name"`
	Rank  string `json:"rank" db:"rank"`
	Role  string `json:"role" db:"role"`
	Email string `json:"email,omitempty" db:"email"`
}

// Item returns one item of the officer's scope (ErrNotFound for any other).
func Item(app core.App, officer *core.Record, id string) (*Detail, error) {
	l, err := newListing(app, officer, Filter{})
	if err != nil {
		return nil, err
	}
	sc := l.sc
	rec, err := findInScope(app, sc, id)
	if err != nil {
		return nil, err
	}
	s := scanned{ID: rec.Id, Station: rec.GetString("station"), Kind: rec.GetString("kind"), Rating: rec.GetInt("rating"),
		Status: rec.GetString("status"), Comment: rec.GetString("comment"), Channel: rec.GetString("channel"),
		Created: rec.GetString("created"), AssignedTo: rec.GetString("assigned_to"), Subdivision: rec.GetString("subdivision"),
		District: rec.GetString("district"),
		flags:    rec.GetStringSlice("flags")}
	rows := []Row{l.row(&s)}
	if err := l.decorate(rows); err != nil {
		return nil, err
	}
	d := &Detail{Row: rows[0], Comment: rec.GetString("comment"), Lang: rec.GetString("lang"),
		Actions: Allowed(sc, rec), Assignable: []OfficerRef{}}
	if v := rec.GetDateTime("visit_date"); !v.IsZero() {
		d.VisitDate = v.Time().Format("2006-01-02")
	}
	lang := officer.GetString("lang")
	if d.Answers, err = answers(app, rec, lang); err != nil {
		return nil, err
	}
	if d.Thread, err = thread(app, rec.Id); err != nil {
		return nil, err
	}
	if !sc.SeesContacts() { // that a contact was exported tells that there is one
		d.Thread = slices.DeleteFunc(d.Thread, func(e Entry) bool { return e.Action == schema.ActionExport })
	}
	for i := range d.Thread {
		d.Thread[i].Date = l.date(d.Thread[i].Created)
		if !sc.SeesTimeOfDay() {
			d.Thread[i].Created = ""
		}
	}
	if sc.SeesContacts() {
		contact, err := app.FindFirstRecordByFilter(schema.Contacts, "feedback = {:id} && consent = true", dbx.Params{"id": rec.Id})
		if err == nil {
			d.Contact = &Contact{Name: contact.GetString("name"), Mobile: contact.GetString("mobile")}
			d.SMS.Possible = d.Contact.Mobile != ""
		}
	}
	cfg := l.set.For(rec.GetString("district"))
	d.SMS.Gateway = sms.Enabled(cfg)
	d.Replies = []string{}
	if slices.Contains(d.Actions, schema.ActionReply) {
		d.Replies = cfg.Replies
		if d.Lang == words.Hindi {
			d.Replies = cfg.RepliesHi
		}
	}
	if assignee, err := app.FindRecordById(schema.Officers, d.AssignedTo); d.AssignedTo != "" && err == nil {
		d.AssignedPhone = assignee.GetString("phone")
	}
	if slices.Contains(d.Actions, schema.ActionAssign) {
		if d.Assignable, err = assignable(app, rec); err != nil {
			return nil, err
		}
	}
	return d, nil
}

type question struct {
	Key     string `db:"key"`
	Type    string `db:"type"`
	LabelEn string `db:"label_en"`
	LabelHi string `db:"label_hi"`
	Options string `db:"options"`
}

type option struct {
	Value   string `json:"value"`
	LabelEn string `json:"label_en"`
	LabelHi string `json:"label_hi"`
}

// answers labels an item's answers with their questions, in the questionnaire's order; an
// answer to a question since removed keeps its key as label.
func answers(app core.App, item *core.Record, lang string) ([]Answer, error) {
	var qs []question
	if err := app.DB().Select("key", "type", "label_en", "label_hi", "COALESCE(options, '') AS options").From(schema.Questions).
		OrderBy("sort", "key").All(&qs); err != nil {
		return nil, err
	}
	given := map[string]any{}
	_ = item.UnmarshalJSONField("answers", &given)
	out := []Answer{}
	for _, q := range qs {
		v, ok := given[q.Key]
		if !ok || v == "" || v == nil {
			continue
		}
		delete(given, q.Key)
		out = append(out, Answer{Key: q.Key, Type: q.Type, Label: words.Name(lang, q.LabelHi, q.LabelEn), Value: v, Text: answerText(q, v, lang)})
	}
	for key, v := range given {
		out = append(out, Answer{Key: key, Label: key, Value: v, Text: fmt.Sprint(v)})
	}
	return out, nil
}

func answerText(q question, v any, lang string) string {
	s := fmt.Sprint(v)
	switch q.Type {
	case "yesno":
		switch s {
		case "yes":
			return words.T(lang, "answer.yes")
		case "no":
			return words.T(lang, "answer.no")
		}
	case "choice":
		var opts []option
		_ = json.Unmarshal([]byte(q.Options), &opts)
		for _, o := range opts {
			if o.Value == s {
				return words.Name(lang, o.LabelHi, o.LabelEn)
			}
		}
	case "rating":
		return s + " / 5"
	}
	return s
}

// thread is an item's follow-ups, oldest first, with their authors' names.
func thread(app core.App, itemID string) ([]Entry, error) {
	var entries []struct {
		Entry
		Name string `db:"name"`
		Rank string `db:"rank"`
	}
	err := app.DB().Select("fu.id", "fu.kind", "fu.action", "fu.body", "fu.public", "fu.from_status", "fu.to_status",
		"fu.created", "COALESCE(o.name, '') AS name", "COALESCE(o.rank, '') AS rank").
		From(schema.Followups+" fu").LeftJoin(schema.Officers+" o", dbx.NewExp("o.id = fu.author")).
		Where(dbx.HashExp{"fu.feedback": itemID}).OrderBy("fu.created", "fu.id").All(&entries)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(entries))
	for _, e := range entries {
		e.Entry.Author = officerLabel(e.Name, e.Rank)
		out = append(out, e.Entry)
	}
	return out, nil
}

// assignable lists the officers the item may be assigned to (CanActOn): among its station's
// officers and those of its sub-division and district, the ones who can act on it.
func assignable(app core.App, item *core.Record) ([]OfficerRef, error) {
	conds := []dbx.Expression{
		dbx.And(dbx.HashExp{"role": schema.RoleSubdivision}, dbx.HashExp{"area": item.GetString("subdivision")}),
		dbx.And(dbx.HashExp{"role": schema.RoleDistrict}, dbx.HashExp{"area": item.GetString("district")}),
		dbx.And(dbx.HashExp{"role": schema.RoleStation}, dbx.HashExp{"station": item.GetString("station")}),
	}
	candidates, err := app.FindAllRecords(schema.Officers, dbx.Or(conds...), dbx.NewExp("(station != '' OR area != '')"))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(candidates, func(a, b *core.Record) int {
		return strings.Compare(a.GetString("role")+"\x00"+a.GetString("name"), b.GetString("role")+"\x00"+b.GetString("name"))
	})
	out := []OfficerRef{}
	for _, o := range candidates {
		if CanActOn(scope.Of(o), item) {
			out = append(out, OfficerRef{ID: o.Id, Name: o.GetString("name"), Rank: o.GetString("rank"), Role: o.GetString("role")})
		}
	}
	return out, nil
}
