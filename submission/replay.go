package submission

import (
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
)

// Replayed answers a form sent again after Submit refused it with ErrReplay: when the stored
// item of that form says the same (kind, rating, text, visit date, answers, and the same
// contact or none), it returns that item's receipt, formatted, and stores nothing; the citizen
// whose first answer was lost on the way gets the receipt it carried. An item that says
// something else is ErrReplay. The caller checks that the token is still valid: that bounds
// who can ask (see package abuse).
func Replayed(app core.App, in Input, src Source) (string, error) {
	if src.FormToken == "" {
		return "", ErrReplay
	}
	c, err := validate(app, &in, time.Now())
	if err != nil {
		return "", err
	}
	number, hash, err := receiptFor(app, in.Token, src)
	if err != nil {
		return "", err
	}
	sent, err := newItem(app, c, src, nil, hash)
	if err != nil {
		return "", err
	}
	stored := &core.Record{}
	err = ByReceiptAndToken(app, hash, src.FormToken).One(stored)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrReplay // stored under another receipt: an item of an older release
	}
	if err != nil {
		return "", err
	}
	same, err := sameItem(app, stored, sent, c.in)
	if err != nil || !same {
		return "", errors.Join(ErrReplay, err)
	}
	return receipt.Format(number), nil
}

// sameItem compares what a citizen wrote, as stored, with a resend of it, normalised alike.
func sameItem(app core.App, stored, sent *core.Record, in Input) (bool, error) {
	for _, f := range []string{"station", "kind", "comment"} {
		if stored.GetString(f) != sent.GetString(f) {
			return false, nil
		}
	}
	if stored.GetInt("rating") != sent.GetInt("rating") ||
		!stored.GetDateTime("visit_date").Equal(sent.GetDateTime("visit_date")) {
		return false, nil
	}
	var was, now map[string]any
	raw, err := json.Marshal(sent.Get("answers"))
	if err != nil {
		return false, err
	}
	if err := errors.Join(stored.UnmarshalJSONField("answers", &was), json.Unmarshal(raw, &now)); err != nil {
		return false, err
	}
	if len(was) != len(now) || (len(was) > 0 && !reflect.DeepEqual(was, now)) {
		return false, nil
	}
	contact, err := app.FindFirstRecordByData(schema.Contacts, "feedback", stored.Id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	if err != nil {
		// no contact kept: the resend must carry none either
		return !in.Consent && in.Name == "" && in.Mobile == "", nil
	}
	return in.Consent && contact.GetString("name") == in.Name && contact.GetString("mobile") == in.Mobile, nil
}

// ByReceiptAndToken finds the item of a receipt's hash and a form token through their partial
// indexes, whose conditions it spells out: a filter's comparisons do not imply them to
// SQLite, which then read every item (a state's 10 GB) for each resend.
func ByReceiptAndToken(app core.App, hash, token string) *dbx.SelectQuery {
	return app.RecordQuery(schema.Feedback).
		Where(dbx.HashExp{"receipt_hash": hash, "form_token": token}).
		AndWhere(dbx.NewExp("receipt_hash != '' AND form_token != ''")).Limit(1)
}
