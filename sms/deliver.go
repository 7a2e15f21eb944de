package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/words"
)

// maxReplyRunes keeps an SMS to a few parts; the whole reply is on /track.
const maxReplyRunes = 300

// Why a reply goes by no SMS.
var (
	errOff       = errors.New("the district sends no SMS (switched off, or no gateway)")
	errNoContact = errors.New("the citizen gave no mobile with consent, or it is no longer kept")
)

// Enqueue queues the SMS of a public reply, due at the given time, where the district sends
// replies by SMS and the citizen consented and gave a mobile; otherwise the reply is on /track
// only and nothing is queued. Nothing of the citizen is copied: the outbox row names the reply.
func Enqueue(app core.App, reply *core.Record, at time.Time) error {
	if reply.GetString("action") != schema.ActionReply {
		return nil
	}
	_, err := resolve(app, reply)
	if errors.Is(err, errOff) || errors.Is(err, errNoContact) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = outbox.Enqueue(app, outbox.SMS, reply.Id, "", at)
	return err
}

// Delivery is how the outbox sends replies by SMS: through the district's gateway, a failed
// one tried again after 1, 2 and 10 minutes, then given up.
func Delivery() outbox.Kind {
	return outbox.Kind{Sender: sender{client: &http.Client{Timeout: 20 * time.Second}}, Attempts: 4,
		Waits: []time.Duration{time.Minute, 2 * time.Minute, 10 * time.Minute}}
}

type sender struct{ client *http.Client }

func (sender) Ready(core.App) error { return nil } // each district's gateway is checked per message

func (s sender) Open(_ context.Context, app core.App, _ time.Time) (outbox.Session, error) {
	return session{app: app, client: s.client}, nil
}

type session struct {
	app    core.App
	client *http.Client
}

// Send sends one reply's SMS, reading the mobile from contacts now. A send under way finishes
// on shutdown (bounded by the client's timeout): cut short, it might have gone out and would
// go again.
func (s session) Send(ctx context.Context, rows []*core.Record) error {
	reply, err := s.app.FindRecordById(schema.Followups, rows[0].GetString("ref"))
	if err != nil {
		return outbox.Permanent(errors.New("the reply is gone"))
	}
	m, err := resolve(s.app, reply)
	if errors.Is(err, errOff) || errors.Is(err, errNoContact) {
		return outbox.Permanent(err)
	}
	if err != nil {
		return err
	}
	if err := m.gateway.Send(context.WithoutCancel(ctx), s.client, m.mobile, m.text); err != nil {
		// a gateway may echo the number; the outbox and the thread must not show it
		return errors.New(strings.NewReplacer(with91(m.mobile), "[mobile]", m.mobile, "[mobile]").Replace(err.Error()))
	}
	return nil
}

func (session) Close() error { return nil }

// Report puts each attempt's outcome on the item's thread, as a system entry that names no
// number (the thread is seen by roles that may not see contacts).
func (sender) Report(app core.App, row *core.Record) error {
	reply, err := app.FindRecordById(schema.Followups, row.GetString("ref"))
	if err != nil {
		return err
	}
	attempts, problem := row.GetInt("attempts"), row.GetString("last_error")
	body := fmt.Sprintf("SMS sent (attempt %d).", attempts)
	switch {
	case row.GetString("status") == outbox.Sent:
	case !row.GetDateTime("next_attempt").IsZero():
		body = fmt.Sprintf("SMS not sent (attempt %d): %s; it is tried again.", attempts, problem)
	case attempts == 1:
		body = "SMS not sent: " + problem
	default:
		body = fmt.Sprintf("SMS not sent after %d attempts: %s", attempts, problem)
	}
	if r := []rune(body); len(r) > 2000 {
		body = string(r[:2000])
	}
	collection, err := app.FindCachedCollectionByNameOrId(schema.Followups)
	if err != nil {
		return err
	}
	note := core.NewRecord(collection)
	note.Load(map[string]any{"feedback": reply.GetString("feedback"), "kind": schema.FollowupNote,
		"action": schema.ActionSMS, "ref": reply.Id, "body": body})
	return app.Save(note)
}

// message is one reply's SMS: where it goes and what it says.
type message struct {
	gateway *Gateway
	mobile  string
	text    string
}

// resolve finds where a reply's SMS goes: the district's gateway and the citizen's mobile.
func resolve(app core.App, reply *core.Record) (message, error) {
	item, err := app.FindRecordById(schema.Feedback, reply.GetString("feedback"))
	if err != nil {
		return message{}, err
	}
	cfg, err := appconfig.For(app, item.GetString("district"))
	if err != nil {
		return message{}, err
	}
	gateway := FromConfig(cfg)
	if gateway == nil {
		return message{}, errOff
	}
	contact, err := app.FindFirstRecordByFilter(schema.Contacts, "feedback = {:id} && consent = true && mobile != ''",
		dbx.Params{"id": item.Id})
	if err != nil {
		return message{}, errNoContact
	}
	text := Message(cfg, app.Settings().Meta.AppURL, item.GetString("lang"), reply.GetString("body"))
	return message{gateway: gateway, mobile: contact.GetString("mobile"), text: text}, nil
}

// Message is the SMS for a reply, in the citizen's language, pointing to /track.
func Message(cfg *appconfig.Config, appURL, lang, reply string) string {
	reply = strings.Join(strings.Fields(reply), " ")
	if r := []rune(reply); len(r) > maxReplyRunes {
		reply = string(r[:maxReplyRunes]) + "…"
	}
	return words.T(lang, "sms.message", "district", words.Name(lang, cfg.DistrictNameHi, cfg.DistrictName),
		"campaign", words.Name(lang, cfg.CampaignNameHi, cfg.CampaignName), "reply", reply,
		"url", strings.TrimRight(appURL, "/")+"/track")
}
