package migrations_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/testkit/testapp"
	"anubhav/words"
)

// collectionWant is what the code expects of a migrated collection.
type collectionWant struct {
	// fields the code reads, by name: their type, and for a relation the collection it
	// points to ("relation:areas")
	fields map[string]string
	// select fields: the code's list of values, in its order
	selects map[string][]string
	// text fields: values the code stores in them, which the field must accept
	accepts map[string][]string
	// list, view, create, update and delete rules; nil: superusers only
	rules [5]*string
}

func rule(s string) *string { return &s }

const officersOnly = `@request.auth.collectionName = "officers"`

// expected is the schema as the code of today expects it. The migrations hold literal values
// (frozen) while the code's lists live on: a value added to a schema list, a field or a rule
// without a migration makes a fresh install and an upgraded one differ from the code, and
// fails here.
func expected() map[string]collectionWant {
	public := rule("")
	activeOrOfficer := rule(`active = true || ` + officersOnly)
	officerSees := rule(`id = @request.auth.id || (` + officersOnly + ` && (` +
		`(@request.auth.role = "subdivision" && (area = @request.auth.area || station.subdivision = @request.auth.area))` +
		` || (@request.auth.role = "district" && (area = @request.auth.area || area.parent = @request.auth.area || station.district = @request.auth.area))` +
		` || (@request.auth.role = "range" && (area = @request.auth.area || area.parent = @request.auth.area || area.parent.parent = @request.auth.area || station.range = @request.auth.area))))`)
	// which of its own fields an officer changes is console.SelfUpdate's whitelist
	ownRecord := rule(`id = @request.auth.id && ` + officersOnly)

	return map[string]collectionWant{
		schema.Areas: {
			fields: map[string]string{"code": "text", "name": "text", "name_hi": "text", "kind": "select",
				"parent": "relation:areas"},
			selects: map[string][]string{"kind": schema.AreaKinds},
			rules:   [5]*string{public, public},
		},
		schema.Stations: {
			fields: map[string]string{"code": "text", "name": "text", "name_hi": "text", "kind": "select",
				"area": "relation:areas", "address": "text", "active": "bool", "subdivision": "relation:areas",
				"district": "relation:areas", "range": "relation:areas", "poster": "url",
				"created": "autodate", "updated": "autodate"},
			selects: map[string][]string{"kind": schema.StationKinds},
			rules:   [5]*string{activeOrOfficer, activeOrOfficer},
		},
		schema.Officers: {
			fields: map[string]string{"email": "email", "name": "text", "rank": "text", "role": "select",
				"station": "relation:stations", "area": "relation:areas", "phone": "text", "digest": "bool",
				"lang": "text", "created": "autodate", "updated": "autodate"},
			selects: map[string][]string{"role": schema.Roles},
			accepts: map[string][]string{"lang": words.Langs()},
			rules:   [5]*string{officerSees, officerSees, nil, ownRecord},
		},
		schema.Questions: {
			fields: map[string]string{"key": "text", "type": "select", "label_en": "text", "label_hi": "text",
				"options": "json", "kinds": "select", "required": "bool", "sort": "number", "active": "bool"},
			selects: map[string][]string{"type": schema.QuestionTypes, "kinds": schema.FeedbackKinds},
			rules:   [5]*string{activeOrOfficer, activeOrOfficer},
		},
		schema.Feedback: {
			fields: map[string]string{"station": "relation:stations", "kind": "select", "rating": "number",
				"answers": "json", "comment": "text", "visit_date": "date", "channel": "select", "lang": "text",
				"status": "select", "flags": "select", "assigned_to": "relation:officers",
				"entered_by": "relation:officers", "closed_at": "date", "subdivision": "relation:areas",
				"district": "relation:areas", "range": "relation:areas", "receipt_hash": "text",
				"device_hash": "text", "form_token": "text", "reviewed_at": "date", "acted_at": "date",
				"replied_at": "date", "created": "autodate", "updated": "autodate"},
			selects: map[string][]string{"kind": schema.FeedbackKinds, "channel": schema.Channels,
				"status": schema.Statuses, "flags": schema.Flags},
			accepts: map[string][]string{"lang": words.Langs()},
		},
		schema.Contacts: {
			fields: map[string]string{"feedback": "relation:feedback", "name": "text", "mobile": "text",
				"consent": "bool", "created": "autodate"},
		},
		schema.Followups: {
			fields: map[string]string{"feedback": "relation:feedback", "author": "relation:officers",
				"kind": "select", "body": "text", "public": "bool", "from_status": "select", "to_status": "select",
				"action": "select", "ref": "relation:followups", "station": "relation:stations", "created": "autodate"},
			selects: map[string][]string{"kind": schema.FollowupKinds, "from_status": schema.Statuses,
				"to_status": schema.Statuses, "action": schema.ConsoleActions},
		},
		schema.Digests: {
			fields: map[string]string{"day": "text", "officer": "relation:officers", "status": "select",
				"attempts": "number", "last_error": "text", "sent_at": "date", "retry_at": "date",
				"created": "autodate", "updated": "autodate"},
			selects: map[string][]string{"status": {schema.DigestPending, schema.DigestSent, schema.DigestFailed}},
		},
		outbox.Collection: {
			fields: map[string]string{"kind": "select", "ref": "text", "recipient": "text", "status": "select",
				"attempts": "number", "next_attempt": "date", "last_error": "text", "sent_at": "date",
				"created": "autodate", "updated": "autodate"},
			selects: map[string][]string{"kind": outbox.Kinds, "status": outbox.Statuses},
		},
		schema.Config: {
			fields: map[string]string{"district": "relation:areas", "district_name": "text",
				"district_name_hi": "text", "campaign_name": "text", "campaign_name_hi": "text",
				"review_days": "number", "action_days": "number", "urgent_words": "json",
				"retention_days": "number", "digest_time": "text", "timezone": "text", "sms_enabled": "bool",
				"public_stats": "bool", "sms_url": "url", "sms_method": "select", "sms_headers": "text", "sms_body": "text",
				"updated": "autodate"},
			// appconfig's check of sms_method
			selects: map[string][]string{"sms_method": {"GET", "POST"}},
		},
	}
}

func TestMigratedSchemaIsWhatTheCodeExpects(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)

	all, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	want := expected()
	for _, c := range all {
		if _, ok := want[c.Name]; !ok && !c.System {
			t.Errorf("collection %s is not described in expected(): add what the code expects of it", c.Name)
		}
	}

	for name, w := range want {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Errorf("no collection %s: %v", name, err)
			continue
		}
		for field, typ := range w.fields {
			if got := fieldType(app, c.Fields.GetByName(field)); got != typ {
				t.Errorf("%s.%s is %q, want %q", name, field, got, typ)
			}
		}
		for field, values := range w.selects {
			s, ok := c.Fields.GetByName(field).(*core.SelectField)
			if !ok {
				t.Errorf("%s.%s is not a select field", name, field)
				continue
			}
			if !slices.Equal(s.Values, values) {
				t.Errorf("%s.%s offers %q, the code %q: a change of values needs a migration", name, field, s.Values, values)
			}
			if s.MaxSelect > 1 && s.MaxSelect != len(values) {
				t.Errorf("%s.%s takes at most %d of its %d values", name, field, s.MaxSelect, len(values))
			}
		}
		for field, values := range w.accepts {
			f, ok := c.Fields.GetByName(field).(*core.TextField)
			if !ok {
				t.Errorf("%s.%s is not a text field", name, field)
				continue
			}
			for _, v := range values {
				if ok, _ := regexp.MatchString(f.Pattern, v); !ok || (f.Max > 0 && len(v) > f.Max) {
					t.Errorf("%s.%s refuses %q, which the code stores", name, field, v)
				}
			}
		}
		got := [5]*string{c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule}
		for i, action := range []string{"list", "view", "create", "update", "delete"} {
			if !sameRule(got[i], w.rules[i]) {
				t.Errorf("%s's %s rule is %s, want %s", name, action, show(got[i]), show(w.rules[i]))
			}
		}
	}
}

// fieldType names a field's type, and for a relation its collection's name.
func fieldType(app core.App, f core.Field) string {
	switch f := f.(type) {
	case nil:
		return "missing"
	case *core.RelationField:
		target, err := app.FindCollectionByNameOrId(f.CollectionId)
		if err != nil {
			return "relation to a missing collection"
		}
		return "relation:" + target.Name
	default:
		return f.Type()
	}
}

func sameRule(a, b *string) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func show(r *string) string {
	if r == nil {
		return "nil (superusers only)"
	}
	return "`" + *r + "`"
}
