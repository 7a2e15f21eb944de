package outbox

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Enqueue queues a message of kind about ref for recipient ("" for an SMS), due at the given
// time. A message queued before, whatever became of it, is returned as it is: enqueueing is
// idempotent (the collection's unique index decides between two that race).
func Enqueue(app core.App, kind, ref, recipient string, at time.Time) (*core.Record, error) {
	if row, err := Find(app, kind, ref, recipient); err == nil {
		return row, nil
	}
	collection, err := app.FindCachedCollectionByNameOrId(Collection)
	if err != nil {
		return nil, err
	}
	row := core.NewRecord(collection)
	row.Load(map[string]any{"kind": kind, "ref": ref, "recipient": recipient, "status": Pending, "next_attempt": at})
	if err := app.Save(row); err != nil {
		if existing, findErr := Find(app, kind, ref, recipient); findErr == nil {
			return existing, nil // queued meanwhile by another caller
		}
		return nil, err
	}
	return row, nil
}

// Find returns the row of a message.
func Find(app core.App, kind, ref, recipient string) (*core.Record, error) {
	return app.FindFirstRecordByFilter(Collection, "kind = {:kind} && ref = {:ref} && recipient = {:recipient}",
		dbx.Params{"kind": kind, "ref": ref, "recipient": recipient})
}

// Retry makes a failed row due again at the given time, even one the drain gave up on (the
// digest command's re-send). A row in any other state is left as it is.
func Retry(app core.App, row *core.Record, at time.Time) error {
	next, err := types.ParseDateTime(at)
	if err != nil {
		return err
	}
	_, err = app.DB().Update(Collection, dbx.Params{"next_attempt": next.String()},
		dbx.HashExp{"id": row.Id, "status": Failed}).Execute()
	return err
}
