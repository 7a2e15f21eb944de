package sms

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/words"
)

// Backoff is the wait before each attempt; its length is the number of attempts.
var Backoff = []time.Duration{0, 30 * time.Second, 2 * time.Minute, 10 * time.Minute}

// Client sends to the gateway.
var Client = &http.Client{Timeout: 20 * time.Second}

// resumeWithin is how old a reply may be for its SMS to be sent after a restart.
const resumeWithin = 3 * 24 * time.Hour

// maxReplyRunes keeps an SMS to a few parts; the whole reply is on /track.
const maxReplyRunes = 300

// Resume sends the SMS of recent replies that have no outcome yet (the server stopped while
// sending them); it is called when the server starts.
func Resume(app core.App) error {
	var ids []string
	err := app.DB().Select("r.id").From(schema.Followups + " r").
		Where(dbx.HashExp{"r.action": schema.ActionReply}).
		AndWhere(dbx.NewExp("r.created > {:since}", dbx.Params{"since": time.Now().Add(-resumeWithin).UTC().Format("2006-01-02 15:04:05.000Z")})).
		AndWhere(dbx.NewExp("NOT EXISTS (SELECT 1 FROM " + schema.Followups + " o WHERE o.ref = r.id)")).
		Column(&ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		Queue(app, id)
	}
	return nil
}

// Queue sends the SMS of a public reply in the background, if the district has a gateway
// and the citizen consented and gave a mobile; otherwise it does nothing.
func Queue(app core.App, replyID string) {
	go func() {
		if err := deliver(app, replyID); err != nil {
			app.Logger().Error("SMS of a reply", "followup", replyID, "error", err.Error())
		}
	}()
}

func deliver(app core.App, replyID string) error {
	reply, err := app.FindRecordById(schema.Followups, replyID)
	if err != nil {
		return err
	}
	item, err := app.FindRecordById(schema.Feedback, reply.GetString("feedback"))
	if err != nil {
		return err
	}
	cfg, err := appconfig.For(app, item.GetString("district"))
	if err != nil {
		return err
	}
	gateway := FromConfig(cfg)
	if gateway == nil {
		return nil
	}
	contact, err := app.FindFirstRecordByFilter(schema.Contacts, "feedback = {:id} && consent = true && mobile != ''",
		dbx.Params{"id": reply.GetString("feedback")})
	if err != nil {
		return nil // no consent, or no mobile: the reply is on /track only
	}
	message := Message(cfg, app.Settings().Meta.AppURL, item.GetString("lang"), reply.GetString("body"))

	var lastErr error
	attempts := 0
	for _, wait := range Backoff {
		time.Sleep(wait)
		attempts++
		ctx, cancel := context.WithTimeout(context.Background(), Client.Timeout)
		lastErr = gateway.Send(ctx, Client, contact.GetString("mobile"), message)
		cancel()
		if lastErr == nil {
			break
		}
	}
	if lastErr != nil {
		// a gateway may echo the number; the thread must not show it
		lastErr = errors.New(strings.ReplaceAll(lastErr.Error(), contact.GetString("mobile"), "[mobile]"))
	}
	return record(app, reply, attempts, lastErr)
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

// record puts the outcome on the item's thread; it names no number (the thread is seen by
// roles that may not see contacts).
func record(app core.App, reply *core.Record, attempts int, sendErr error) error {
	collection, err := app.FindCachedCollectionByNameOrId(schema.Followups)
	if err != nil {
		return err
	}
	outcome := core.NewRecord(collection)
	body := "SMS sent (attempt " + strconv.Itoa(attempts) + ")."
	if sendErr != nil {
		body = "SMS not sent after " + strconv.Itoa(attempts) + " attempts: " + sendErr.Error()
	}
	if r := []rune(body); len(r) > 2000 {
		body = string(r[:2000])
	}
	outcome.Load(map[string]any{"feedback": reply.GetString("feedback"), "kind": schema.FollowupNote,
		"action": schema.ActionSMS, "ref": reply.Id, "body": body})
	return app.Save(outcome)
}
