package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// What the officer console needs from the schema:
//   - followups name the console action they record (and, for an SMS outcome, the reply it
//     reports on), so a thread reads "assigned", "closed", "SMS sent" in the reader's language;
//   - the record API may add plain private notes only: every other follow-up changes the item
//     or speaks to the citizen, so it goes through /api/console/… in one transaction;
//   - the SMS gateway settings, hidden (they carry the provider's key) from all but superusers:
//     district officers edit them through /api/console/settings;
//   - indexes for the inbox (scope, status, newest first; assigned to me);
//   - the password-reset mail of officers opens the console, not the superusers' dashboard.
func init() {
	// the feedback columns that hold an officer's unit (see package scope)
	inboxUnits := []string{"station", "subdivision", "district", "range"}

	// What the record API may add to a thread: a private note without a status change.
	const noteOnlyByRecordAPI = ` && @request.body.kind = "note" && (@request.body.public:isset = false || @request.body.public = false)` +
		` && @request.body.from_status:isset = false && @request.body.to_status:isset = false` +
		` && @request.body.action:isset = false && @request.body.ref:isset = false`

	m.Register(func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		followups.Fields.Add(
			&core.SelectField{Name: "action", MaxSelect: 1, Values: []string{"review", "note", "instruction", "action_taken", "reply",
				"assign", "close", "spam", "reopen", "sms"},
				Help: "The console action this follow-up records."},
			&core.RelationField{Name: "ref", CollectionId: followups.Id, MaxSelect: 1,
				Help: "For an SMS outcome: the reply it was sent for."},
		)
		followups.CreateRule = types.Pointer(*followups.CreateRule + noteOnlyByRecordAPI)
		followups.AddIndex("idx_followups_ref", false, "ref", "ref != ''")
		if err := app.Save(followups); err != nil {
			return err
		}

		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		config.Fields.Add(
			&core.BoolField{Name: "sms_enabled", Hidden: true, Help: "Send public replies by SMS where the citizen consented."},
			&core.URLField{Name: "sms_url", Hidden: true,
				Help: "The bulk-SMS provider's HTTP address; {{mobile}}, {{mobile91}} and {{message}} are filled in (URL-escaped)."},
			&core.SelectField{Name: "sms_method", Hidden: true, MaxSelect: 1, Values: []string{"GET", "POST"}},
			&core.TextField{Name: "sms_headers", Hidden: true, Max: 2000,
				Help: "One 'Name: value' per line, e.g. Content-Type: application/json, or the provider's API key header."},
			&core.TextField{Name: "sms_body", Hidden: true, Max: 4000,
				Help: "For POST: the body, with {{mobile}}, {{mobile91}} and {{message}} (escaped as the Content-Type needs)."},
		)
		if err := app.Save(config); err != nil {
			return err
		}

		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		for _, unit := range inboxUnits {
			feedback.AddIndex("idx_feedback_"+unit+"_status_created", false, "`"+unit+"`, status, created", "")
		}
		feedback.AddIndex("idx_feedback_assigned_created", false, "assigned_to, created", "assigned_to != ''")
		if err := app.Save(feedback); err != nil {
			return err
		}

		officers, err := app.FindCollectionByNameOrId("officers")
		if err != nil {
			return err
		}
		officers.ResetPasswordTemplate.Body = strings.ReplaceAll(officers.ResetPasswordTemplate.Body,
			core.EmailPlaceholderAppURL+"/_/#/auth/confirm-password-reset/", core.EmailPlaceholderAppURL+"/console/#/reset/")
		return app.Save(officers)
	}, func(app core.App) error {
		followups, err := app.FindCollectionByNameOrId("followups")
		if err != nil {
			return err
		}
		followups.Fields.RemoveByName("action")
		followups.Fields.RemoveByName("ref")
		followups.RemoveIndex("idx_followups_ref")
		followups.CreateRule = types.Pointer(strings.TrimSuffix(*followups.CreateRule, noteOnlyByRecordAPI))
		if err := app.Save(followups); err != nil {
			return err
		}
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		for _, name := range []string{"sms_enabled", "sms_url", "sms_method", "sms_headers", "sms_body"} {
			config.Fields.RemoveByName(name)
		}
		if err := app.Save(config); err != nil {
			return err
		}
		feedback, err := app.FindCollectionByNameOrId("feedback")
		if err != nil {
			return err
		}
		for _, unit := range inboxUnits {
			feedback.RemoveIndex("idx_feedback_" + unit + "_status_created")
		}
		feedback.RemoveIndex("idx_feedback_assigned_created")
		return app.Save(feedback)
	})
}
