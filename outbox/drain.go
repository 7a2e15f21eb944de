package outbox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// cutShort is the error recorded on a row claimed again after its process died while sending.
const cutShort = "the previous attempt was cut short (the server stopped while sending); it may have gone out"

// maxError is the length of last_error, in characters.
const maxError = 2000

// Attempt is one row's attempt in a drain.
type Attempt struct {
	Row *core.Record // as recorded after the attempt
	Err error        // nil: sent
}

// Drain sends every due row of the outbox's kinds and records each attempt. A kind that is not
// ready (mail not set up) is left for later. Cancelling ctx stops the drain between two
// messages: the rows not yet started are handed back, no attempt spent.
func (o *Outbox) Drain(ctx context.Context) ([]Attempt, error) { return o.drain(ctx, nil) }

// Send is Drain restricted to the given rows (the digest command's own digests): those due
// are sent; those sent, being sent or waiting for a retry are left alone.
func (o *Outbox) Send(ctx context.Context, ids []string) ([]Attempt, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return o.drain(ctx, ids)
}

func (o *Outbox) drain(ctx context.Context, ids []string) ([]Attempt, error) {
	var out []Attempt
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(o.cfg.Kinds)) {
		if ctx.Err() != nil {
			break
		}
		kind := o.cfg.Kinds[name]
		if kind.Sender.Ready(o.app) != nil {
			continue
		}
		attempts, err := o.drainKind(ctx, name, kind, ids)
		out = append(out, attempts...)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return out, errors.Join(errs...)
}

func (o *Outbox) drainKind(ctx context.Context, name string, kind Kind, ids []string) ([]Attempt, error) {
	rows, err := o.claim(name, kind, ids)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	session, err := kind.Sender.Open(ctx, o.app, o.cfg.Now())
	if err != nil {
		if ctx.Err() != nil {
			return nil, o.release(rows)
		}
		return o.record(name, kind, rows, err), nil
	}
	defer session.Close()
	var out []Attempt
	messages := group(rows, kind.Spacing > 0)
	for i, message := range messages {
		if ctx.Err() != nil {
			return out, o.release(slices.Concat(messages[i:]...))
		}
		out = append(out, o.record(name, kind, message, session.Send(ctx, message))...)
	}
	return out, nil
}

// claim turns the due rows of a kind to sending in one statement, so that no other drain can
// take them, and returns them by recipient. A sending row's next_attempt is when it becomes
// stale; a kind with Spacing leaves the recipients alone that were sent to within it, or are
// being sent to.
func (o *Outbox) claim(name string, kind Kind, ids []string) ([]*core.Record, error) {
	now := o.cfg.Now()
	params := dbx.Params{"kind": name, "now": stored(now), "stale": stored(now.Add(o.cfg.Stale)),
		"updated": types.NowDateTime().String(), "cut": cutShort}
	where := "kind = {:kind} AND status IN ('pending', 'failed', 'sending') AND next_attempt != '' AND next_attempt <= {:now}"
	if ids != nil {
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = fmt.Sprintf("{:id%d}", i)
			params[fmt.Sprintf("id%d", i)] = id
		}
		where += " AND id IN (" + strings.Join(names, ", ") + ")"
	}
	if kind.Spacing > 0 {
		params["since"] = stored(now.Add(-kind.Spacing))
		where += " AND NOT EXISTS (SELECT 1 FROM " + Collection + " o WHERE o.kind = " + Collection + ".kind" +
			" AND o.recipient = " + Collection + ".recipient AND ((o.status = 'sent' AND o.sent_at > {:since})" +
			" OR (o.status = 'sending' AND o.next_attempt > {:now})))"
	}
	var claimed []string
	err := o.app.DB().NewQuery("UPDATE " + Collection + " SET status = 'sending', attempts = attempts + 1," +
		" next_attempt = {:stale}, updated = {:updated}," +
		" last_error = CASE WHEN status = 'sending' THEN {:cut} ELSE last_error END" +
		" WHERE " + where + " RETURNING id").Bind(params).Column(&claimed)
	if err != nil || len(claimed) == 0 {
		return nil, err
	}
	rows, err := o.app.FindRecordsByIds(Collection, claimed)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b *core.Record) int {
		return cmp.Or(strings.Compare(a.GetString("recipient"), b.GetString("recipient")),
			strings.Compare(a.GetString("created"), b.GetString("created")))
	})
	return rows, nil
}

// group makes the messages of a drain: one per recipient where the kind goes together, else
// one per row.
func group(rows []*core.Record, together bool) [][]*core.Record {
	var out [][]*core.Record
	for i, row := range rows {
		if together && i > 0 && row.GetString("recipient") == rows[i-1].GetString("recipient") {
			out[len(out)-1] = append(out[len(out)-1], row)
			continue
		}
		out = append(out, []*core.Record{row})
	}
	return out
}

// release hands back rows a cancelled drain did not start: due again, no attempt spent.
func (o *Outbox) release(rows []*core.Record) error {
	ids := make([]any, len(rows))
	for i, row := range rows {
		ids[i] = row.Id
	}
	_, err := o.app.DB().Update(Collection, dbx.Params{"status": Pending, "attempts": dbx.NewExp("attempts - 1"),
		"next_attempt": stored(o.cfg.Now()), "updated": types.NowDateTime().String()},
		dbx.And(dbx.In("id", ids...), dbx.HashExp{"status": Sending})).Execute()
	return err
}

// record writes the outcome of one attempt on its rows and reports it.
func (o *Outbox) record(name string, kind Kind, rows []*core.Record, sendErr error) []Attempt {
	now := o.cfg.Now()
	out := make([]Attempt, 0, len(rows))
	for _, row := range rows {
		row.Set("next_attempt", "")
		if sendErr == nil {
			row.Set("status", Sent)
			row.Set("sent_at", now)
			row.Set("last_error", "")
		} else {
			attempts := row.GetInt("attempts")
			row.Set("status", Failed)
			row.Set("last_error", truncate(sendErr.Error(), maxError))
			if !isPermanent(sendErr) && (kind.Attempts == 0 || attempts < kind.Attempts) {
				row.Set("next_attempt", now.Add(kind.wait(attempts)))
			}
			o.app.Logger().Warn("Outbox: not sent", "kind", name, "ref", row.GetString("ref"), "attempt", attempts,
				"next_attempt", row.GetString("next_attempt"), "error", row.GetString("last_error"))
		}
		if err := o.app.Save(row); err != nil {
			// the row stays sending and is tried again once stale
			o.app.Logger().Error("Outbox: outcome not recorded", "kind", name, "id", row.Id, "error", err.Error())
		} else if r, ok := kind.Sender.(Reporter); ok {
			if err := r.Report(o.app, row); err != nil {
				o.app.Logger().Error("Outbox: outcome not reported", "kind", name, "id", row.Id, "error", err.Error())
			}
		}
		out = append(out, Attempt{Row: row, Err: sendErr})
	}
	return out
}

// stored is a time as PocketBase stores it: UTC text that sorts as it compares.
func stored(t time.Time) string {
	d, _ := types.ParseDateTime(t)
	return d.String()
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
