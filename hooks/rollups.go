package hooks

import (
	"os"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/areas"
	"anubhav/progress"
	"anubhav/rollups"
	"anubhav/schema"
)

// bindRollups keeps the dashboard's rollups in step with the items (each update's or
// delete's change journaled in its own transaction), and stamps an item's first review, action and public reply from the
// follow-up that records it, whichever path records it (the console, the record API).
func bindRollups(app core.App) {
	// A new item needs no hook: the insert's trigger queues it (rollups.Created), so that a
	// submission is one statement, outside any transaction.
	app.OnRecordUpdateExecute(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		return changeFromStored(e, e.Record)
	})
	app.OnRecordDeleteExecute(schema.Feedback).BindFunc(func(e *core.RecordEvent) error {
		return changeFromStored(e, nil)
	})

	app.OnRecordCreateExecute(schema.Followups).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, nil, func(tx core.App) error { return rollups.StampFirsts(tx, e.Record) })
	})

	// A station moved to other areas takes its counts with it.
	app.OnRecordAfterUpdateSuccess(schema.Stations).BindFunc(func(e *core.RecordEvent) error {
		before, after := areas.Read(e.Record.Original()), areas.Read(e.Record)
		if before != after {
			if err := rollups.MoveStation(e.App, e.Record.Id, before.Units(), after.Units()); err != nil {
				return err
			}
		}
		return e.Next()
	})

	// A deployment upgraded to the rollups builds them once, before it serves; while it
	// serves, the journal is folded into them every second.
	folder := rollups.NewFolder(app)
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		folder.Stop()
		return e.Next()
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		empty, err := rollups.Empty(se.App)
		if err != nil {
			return err
		}
		if empty {
			if err := rollups.Rebuild(se.App, progress.Lines(os.Stderr, "Rollups")); err != nil {
				return err
			}
		}
		folder.Start(time.Second)
		return se.Next()
	})
}

// inTransaction runs before, the event's write and after in one transaction (the write
// alone is in one only if its caller opened it).
func inTransaction(e *core.RecordEvent, before, after func(tx core.App) error) error {
	original := e.App
	defer func() { e.App = original }()
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if before != nil {
			if err := before(tx); err != nil {
				return err
			}
		}
		if err := e.Next(); err != nil {
			return err
		}
		return after(tx)
	})
}

// changeFromStored applies the change from the item as stored, read before the write (the
// record in hand may have been saved before: its Original is then not what is stored), to
// after (nil for a delete).
func changeFromStored(e *core.RecordEvent, after *core.Record) error {
	var stored *core.Record
	read := func(tx core.App) (err error) {
		stored, err = tx.FindRecordById(schema.Feedback, e.Record.Id)
		return err
	}
	return inTransaction(e, read, func(tx core.App) error { return rollups.Change(tx, stored, after) })
}
