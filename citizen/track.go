package citizen

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/pages"
	"anubhav/receipt"
	"anubhav/schema"
	"anubhav/stamp"
	"anubhav/words"
)

// Reply is one public reply of the police, as the citizen sees it.
type Reply struct {
	Date string `json:"date"`
	Body string `json:"body"`
}

// Status is all a receipt shows: the item's status, its date (yyyy-mm-dd, in the district's
// time) and the public replies. Kind only words the status on /track: the API answers
// nothing else (DESIGN.md).
type Status struct {
	Kind    string  `json:"-"`
	Status  string  `json:"status"`
	Date    string  `json:"date"`
	Replies []Reply `json:"replies"`
}

// ErrMalformed is a receipt that is not 16 digits (once spaces and dashes are taken out).
var ErrMalformed = errors.New("not a receipt number")

// Lookup finds the item of a receipt as typed by a citizen: ErrMalformed when it is not a
// receipt number, nil when no item has it. Every well-formed number costs the same work until
// an item is found (one keyed hash, one indexed query), so neither the answer nor its time
// tells one unknown number from another; a malformed one is told apart at once, as the
// citizen's own typing already tells it.
func Lookup(app core.App, typed string) (*Status, error) {
	number, ok := receipt.Normalize(typed)
	if !ok {
		return nil, ErrMalformed
	}
	hash, err := receipt.Hash(app, number)
	if err != nil {
		return nil, err
	}
	var item struct {
		Id      string `db:"id"`
		Kind    string `db:"kind"`
		Status  string `db:"status"`
		Created string `db:"created"`
	}
	err = app.DB().Select("id", "kind", "status", "created").From(schema.Feedback).
		Where(dbx.HashExp{"receipt_hash": hash}).
		AndWhere(dbx.NewExp("receipt_hash != ''")). // the partial unique index's condition
		One(&item)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cfg, err := appconfig.Get(app)
	if err != nil {
		return nil, err
	}
	replies, err := app.FindRecordsByFilter(schema.Followups, "feedback = {:id} && public = true && body != ''", "created", 0, 0, dbx.Params{"id": item.Id})
	if err != nil {
		return nil, err
	}
	s := &Status{Kind: item.Kind, Status: publicStatus(item.Status), Date: stamp.Date(item.Created, cfg.Location), Replies: []Reply{}}
	for _, r := range replies {
		s.Replies = append(s.Replies, Reply{Date: stamp.Date(r.GetString("created"), cfg.Location), Body: r.GetString("body")})
	}
	return s, nil
}

// publicStatus hides the spam verdict: the citizen reads "closed".
func publicStatus(status string) string {
	if status == schema.StatusSpam {
		return schema.StatusClosed
	}
	return status
}

var (
	msgNotFound  = words.M("track.not_found")
	msgMalformed = words.M("track.malformed")
)

// lookupFailure is the status and message of a receipt that found nothing.
func lookupFailure(err error) (int, words.Msg) {
	if errors.Is(err, ErrMalformed) {
		return http.StatusBadRequest, msgMalformed
	}
	return http.StatusNotFound, msgNotFound
}

// TrackAPI answers GET /api/track/{receipt} with the item's Status, 404 for an unknown
// number or 400 for a malformed one.
func TrackAPI(e *core.RequestEvent) error {
	s, err := Lookup(e.App, e.Request.PathValue("receipt"))
	if err != nil && !errors.Is(err, ErrMalformed) {
		return err
	}
	if s == nil {
		status, msg := lookupFailure(err)
		return e.JSON(status, apiError{status, msg.In(pages.Lang(e)), nil})
	}
	return e.JSON(http.StatusOK, s)
}

// found is an item as /track shows it: words and dates in the reader's language.
type found struct {
	Label, Date string
	Replies     []Reply
}

type trackPage struct {
	pages.Base
	Receipt  string
	Searched bool
	Found    *found
	Failure  string
}

// TrackPage is /track: a form for the receipt number (GET) and its answer (POST, so that
// the receipt stays out of addresses, browser history and logs).
func TrackPage(e *core.RequestEvent) error {
	p := trackPage{Base: pages.NewBase(e, "")}
	p.Title = words.T(p.Lang, "track.title")
	status := http.StatusOK
	if e.Request.Method == http.MethodPost {
		p.Receipt = strings.TrimSpace(e.Request.PostFormValue("receipt"))
		p.Searched = true
		s, err := Lookup(e.App, p.Receipt)
		if err != nil && !errors.Is(err, ErrMalformed) {
			return err
		}
		if s == nil {
			var msg words.Msg
			status, msg = lookupFailure(err)
			p.Failure = msg.In(p.Lang)
		} else {
			p.Found = &found{Label: StatusLabel(p.Lang, s.Kind, s.Status), Date: day(p.Lang, s.Date)}
			for _, r := range s.Replies {
				p.Found.Replies = append(p.Found.Replies, Reply{Date: day(p.Lang, r.Date), Body: r.Body})
			}
		}
	}
	return pages.Render(e, status, "track.html", p)
}

// day says a yyyy-mm-dd date in the reader's language ("4 दिसंबर 2026").
func day(lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return words.Date(lang, t)
}

// StatusLabel says a kind's status in words that fit it (praise is never "under
// investigation"); spam reads "closed".
func StatusLabel(lang, kind, status string) string {
	return words.T(lang, "track.status."+kind+"_"+publicStatus(status))
}
