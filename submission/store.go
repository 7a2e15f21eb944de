package submission

import (
	"errors"
	"fmt"
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/receipt"
	"anubhav/schema"
)

// Source says how an item reached the police.
type Source struct {
	// Channel is schema.ChannelQR for the citizen's own form; phone, walkin, whatsapp,
	// video or email for an item an officer enters.
	Channel string
	// EnteredBy is the id of the officer who entered the item (channels other than qr).
	EnteredBy string
	// Flags are added to those the content earns, e.g. burst from abuse control.
	Flags []string
	// DeviceHash is the day's keyed hash of the sending device (qr only), for burst checks.
	DeviceHash string
	// FormToken is the keyed hash of the form's token (qr only): one token, one item. With
	// it, the receipt is derived from the token itself (Input.Token, receipt.ForToken), so
	// that Replayed can answer a resend with it; without it (an officer's entry) the receipt
	// is random.
	FormToken string
}

// ErrReplay is Submit's error when an item was already stored with the same form token, and
// Replayed's when that item says something else.
var ErrReplay = errors.New("this form was already sent")

// Submit validates a submission and stores it as a new item, with its contact row when the
// citizen consented (item and contact in one transaction). It returns the receipt, formatted in groups of
// four; only its keyed hash is kept, so nobody sees it again (but the sender of the same form,
// through Replayed).
//
// Errors: Errors (bad fields, 400), ErrUnknownStation (404), ErrReplay, anything else is ours
// (500).
func Submit(app core.App, in Input, src Source) (string, error) {
	c, err := validate(app, &in, time.Now())
	if err != nil {
		return "", err
	}
	if !slices.Contains(schema.Channels, src.Channel) {
		return "", Errors{"channel": msgChannel}
	}
	cfg, err := appconfig.For(app, c.station.District)
	if err != nil {
		return "", err
	}
	number, hash, err := receiptFor(app, in.Token, src)
	if err != nil {
		return "", err
	}

	flags := Flags(c.in, cfg.UrgentWords)
	for _, f := range src.Flags {
		if !slices.Contains(flags, f) {
			flags = append(flags, f)
		}
	}
	item, err := newItem(app, c, src, flags, hash)
	if err != nil {
		return "", err
	}
	if !c.in.Consent {
		// One row: no transaction, so the write lock is held for the insert alone.
		if err := app.Save(item); err != nil {
			return "", saveError(err)
		}
		return receipt.Format(number), nil
	}
	err = app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(item); err != nil {
			return saveError(err)
		}
		return saveContact(tx, item.Id, c.in)
	})
	if err != nil {
		return "", err
	}
	return receipt.Format(number), nil
}

// receiptFor is an item's receipt and its keyed hash: derived from the form's token when it
// has one, random otherwise.
func receiptFor(app core.App, token string, src Source) (number, hash string, err error) {
	if src.FormToken != "" {
		number, err = receipt.ForToken(app, token)
	} else {
		number, err = receipt.New()
	}
	if err != nil {
		return "", "", err
	}
	hash, err = receipt.Hash(app, number)
	return number, hash, err
}

func newItem(app core.App, c *checked, src Source, flags []string, receiptHash string) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId(schema.Feedback)
	if err != nil {
		return nil, err
	}
	item := core.NewRecord(col)
	item.Set("station", c.station.ID)
	item.Set("kind", c.in.Kind)
	if c.in.Rating > 0 {
		item.Set("rating", c.in.Rating)
	}
	item.Set("answers", c.answers)
	item.Set("comment", c.in.Comment)
	if c.in.VisitDate != "" {
		item.Set("visit_date", c.in.VisitDate+" 00:00:00.000Z")
	}
	item.Set("channel", src.Channel)
	item.Set("lang", c.in.Lang)
	item.Set("status", schema.StatusNew)
	item.Set("flags", flags)
	item.Set("entered_by", src.EnteredBy)
	item.Set("receipt_hash", receiptHash)
	item.Set("device_hash", src.DeviceHash)
	item.Set("form_token", src.FormToken)
	return item, nil
}

// saveError tells a replay (the form token's unique index) from any other failure.
func saveError(err error) error {
	var bad validation.Errors
	if errors.As(err, &bad) && bad["form_token"] != nil {
		return ErrReplay
	}
	return fmt.Errorf("saving the item: %w", err)
}

func saveContact(app core.App, itemID string, in Input) error {
	col, err := app.FindCachedCollectionByNameOrId(schema.Contacts)
	if err != nil {
		return err
	}
	contact := core.NewRecord(col)
	contact.Set("feedback", itemID)
	contact.Set("name", in.Name)
	contact.Set("mobile", in.Mobile)
	contact.Set("consent", true)
	if err := app.Save(contact); err != nil {
		return fmt.Errorf("saving the contact: %w", err)
	}
	return nil
}
