package console

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// DigestRows is how many of its latest digests the console shows an officer.
const DigestRows = 30

// DigestRow is one day's digest of an officer: whether it went out, and if not, why.
type DigestRow struct {
	ID        string `json:"id" db:"id"`
	Day       string `json:"day" db:"day"`
	Status    string `json:"status" db:"status"`
	Attempts  int    `json:"attempts" db:"attempts"`
	LastError string `json:"last_error" db:"last_error"`
	SentAt    string `json:"sent_at" db:"sent_at"`
}

// Digests lists the officer's own digests, the latest day first ("My digest"). The record API
// serves the digests collection to superusers only; this is the officers' door to their rows.
func Digests(app core.App, officer *core.Record) ([]DigestRow, error) {
	out := []DigestRow{}
	err := app.DB().Select("id", "day", "status", "attempts", "last_error", "sent_at").From(schema.Digests).
		Where(dbx.HashExp{"officer": officer.Id}).OrderBy("day DESC").Limit(DigestRows).All(&out)
	return out, err
}
