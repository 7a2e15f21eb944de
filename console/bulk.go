package console

import (
	"errors"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/words"
)

// MaxBulk is how many items one bulk action takes at most: a page of the inbox.
const MaxBulk = MaxLimit

// BulkActions are the actions the inbox takes on selected rows.
var BulkActions = []string{schema.ActionAcknowledge, schema.ActionClose, schema.ActionAssign}

// Bulk is one action on several items: acknowledge, close with one reason, or assign.
type Bulk struct {
	Action
	IDs []string `json:"ids"`
}

// BulkResult counts the items the action was taken on, and the others by why not: not_found,
// forbidden, status (it moved on) or officer (who cannot act on it). It names no item, so an
// item outside the scope is not told apart from one that does not exist.
type BulkResult struct {
	Done    int            `json:"done"`
	Skipped map[string]int `json:"skipped"`
}

// ActAll takes a bulk action: each item on its own, as Act does it (one follow-up per item,
// in its own transaction), so that one item that moved on does not hold back the others.
func ActAll(app core.App, officer *core.Record, b Bulk) (*BulkResult, error) {
	lang := officer.GetString("lang")
	if !slices.Contains(BulkActions, b.Name) {
		return nil, validation.Errors{"action": words.FieldError("unknown_action", words.T(lang, "error.unknown_action", "action", b.Name))}
	}
	if len(b.IDs) == 0 || len(b.IDs) > MaxBulk {
		return nil, validation.Errors{"ids": words.FieldError("bulk_size", words.T(lang, "console.bulk_size", "max", MaxBulk))}
	}
	res := &BulkResult{Skipped: map[string]int{}}
	for _, id := range slices.Compact(slices.Sorted(slices.Values(b.IDs))) {
		_, err := Act(app, officer, id, b.Action)
		var fields validation.Errors
		switch {
		case err == nil:
			res.Done++
		case errors.Is(err, ErrNotFound):
			res.Skipped["not_found"]++
		case errors.Is(err, ErrForbidden):
			res.Skipped["forbidden"]++
		case errors.Is(err, ErrStatus):
			res.Skipped["status"]++
		case errors.As(err, &fields) && fields["officer"] != nil: // one who cannot act on this one
			res.Skipped["officer"]++
		default: // a missing body fails on the first item, before any is done
			return nil, err
		}
	}
	return res, nil
}

// Lookup finds an item of the officer's scope by what a caller reads out: the 16 digits of
// its receipt, or its reference (Ref). Anything else, or an item out of scope, is
// ErrNotFound alike.
func Lookup(app core.App, officer *core.Record, q string) (string, error) {
	sc := scope.Of(officer)
	var cond dbx.Expression
	if number, ok := receipt.Normalize(q); ok {
		hash, err := receipt.Hash(app, number)
		if err != nil {
			return "", err
		}
		cond = dbx.And(dbx.HashExp{"f.receipt_hash": hash}, dbx.NewExp("f.receipt_hash != ''"))
	} else if ref := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(q), "-", "")); len(ref) == refLen && isAlnum(ref) {
		cond = dbx.Like("f.id", ref).Match(false, true)
	} else {
		return "", ErrNotFound
	}
	var ids []string
	err := app.DB().Select("f.id").From(schema.Feedback + " f").Where(dbx.And(sc.Feedback("f"), cond)).Limit(2).Column(&ids)
	if err != nil {
		return "", err
	}
	if len(ids) != 1 { // two items sharing a reference: neither is the one meant
		return "", ErrNotFound
	}
	return ids[0], nil
}

func isAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) < 0
}
