package citizen

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"

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

// Status is all a receipt shows: the item's status, its date and the public replies.
type Status struct {
	Status  string  `json:"status"`
	Date    string  `json:"date"`
	Replies []Reply `json:"replies"`
}

// Lookup finds the item of a receipt as typed by a citizen. It returns nil when there is
// none; a malformed receipt costs the same work as a well-formed one, so neither the answer
// nor its time tells the two apart.
func Lookup(app core.App, typed string) (*Status, error) {
	number, ok := receipt.Normalize(typed)
	if !ok {
		number = "not a receipt: " + typed
	}
	hash, err := receipt.Hash(app, number)
	if err != nil {
		return nil, err
	}
	var item struct {
		Id      string `db:"id"`
		Status  string `db:"status"`
		Created string `db:"created"`
	}
	err = app.DB().Select("id", "status", "created").From(schema.Feedback).
		Where(dbx.HashExp{"receipt_hash": hash}).
		AndWhere(dbx.NewExp("receipt_hash != ''")). // the partial unique index's condition
		One(&item)
	if errors.Is(err, sql.ErrNoRows) || !ok {
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
	s := &Status{Status: publicStatus(item.Status), Date: stamp.Date(item.Created, cfg.Location), Replies: []Reply{}}
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

var msgNotFound = words.M("track.not_found")

// TrackAPI answers GET /api/track/{receipt} with the item's Status, or 404.
func TrackAPI(e *core.RequestEvent) error {
	s, err := Lookup(e.App, e.Request.PathValue("receipt"))
	if err != nil {
		return err
	}
	if s == nil {
		lang := pages.Lang(e)
		return e.JSON(http.StatusNotFound, apiError{http.StatusNotFound, msgNotFound.In(lang), nil})
	}
	return e.JSON(http.StatusOK, s)
}

type trackPage struct {
	pages.Base
	Receipt  string
	Searched bool
	Found    *Status
	Label    string
	NotFound string
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
		if err != nil {
			return err
		}
		p.Found = s
		if s == nil {
			status = http.StatusNotFound
			p.NotFound = msgNotFound.In(p.Lang)
		} else {
			p.Label = StatusLabel(p.Lang, s.Status)
		}
	}
	return pages.Render(e, status, "track.html", p)
}

// StatusLabel says a status in plain words for the citizen (spam reads "closed").
func StatusLabel(lang, status string) string {
	return words.T(lang, "track.status."+publicStatus(status))
}
