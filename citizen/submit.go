package citizen

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/abuse"
	"anubhav/pages"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/words"
)

var (
	msgFix        = words.M("error.fix")
	msgToken      = words.M("error.token")
	msgCrossSite  = words.M("error.cross_site")
	msgReplay     = words.M("error.replay")
	msgHoneypot   = words.M("error.honeypot")
	msgNoStation  = words.M("error.no_station")
	msgUnreadable = words.M("error.unreadable")
)

// Submit takes a submission: POST /api/feedback, as JSON or a plain form post. A JSON body,
// or a request that accepts JSON (form.js), gets JSON back; a plain form post gets the
// thank-you page, or the form again with the messages and everything typed.
func Submit(e *core.RequestEvent) error {
	now := time.Now()
	in, err := submission.Decode(e.Request)
	wantsJSON := wantsJSON(e.Request)
	if err != nil {
		return e.JSON(http.StatusBadRequest, apiError{http.StatusBadRequest, msgUnreadable.In(in.Lang) + " " + err.Error(), nil})
	}
	in.Lang = words.Choose(in.Lang)

	refusal := submission.Errors{}
	if in.Website != "" {
		refusal[abuse.HoneypotField] = msgHoneypot
	}
	tooFast, err := abuse.CheckToken(e.App, in.Token, in.Station, now)
	if errors.Is(err, abuse.ErrToken) {
		refusal["token"] = msgToken
	} else if err != nil {
		return err
	}
	// Another site's page: a script gets no answer to read, a citizen who was led here gets
	// the form of this site back, with what they typed.
	if errors.Is(abuse.CheckOrigin(e.App, e.Request), abuse.ErrCrossSite) {
		if wantsJSON {
			return e.JSON(http.StatusForbidden, apiError{http.StatusForbidden, msgCrossSite.In(in.Lang), nil})
		}
		refusal["token"] = msgCrossSite
	}

	var receipt string
	if len(refusal) > 0 {
		// Refused: still check every field, so the citizen corrects everything at once.
		err = submission.Validate(e.App, &in)
		var bad submission.Errors
		if errors.As(err, &bad) {
			for f, m := range bad {
				refusal[f] = m
			}
			err = nil
		}
		if err == nil {
			err = refusal
		}
	} else {
		receipt, err = store(e, in, tooFast, now)
	}

	var bad submission.Errors
	switch {
	case err == nil && wantsJSON:
		return e.JSON(http.StatusOK, map[string]string{"receipt": receipt})
	case err == nil:
		return renderThanks(e, in, receipt)
	case errors.Is(err, submission.ErrUnknownStation) && wantsJSON:
		return e.JSON(http.StatusNotFound, apiError{http.StatusNotFound, msgNoStation.In(in.Lang), nil})
	case errors.Is(err, submission.ErrUnknownStation):
		return StationMissing(e)
	case errors.As(err, &bad) && wantsJSON:
		data := map[string]fieldError{}
		for f, m := range bad.In(in.Lang) {
			data[f] = fieldError{"validation_invalid", m}
		}
		return e.JSON(http.StatusBadRequest, apiError{http.StatusBadRequest, msgFix.In(in.Lang), data})
	case errors.As(err, &bad):
		return renderRefused(e, in, bad)
	}
	return err
}

// store stores a post that passed the abuse checks: flagged burst when sent too fast or
// when its sender sent many, refused when its form was already sent.
func store(e *core.RequestEvent, in submission.Input, tooFast bool, now time.Time) (string, error) {
	sender := abuse.SenderOf(e.Request.UserAgent(), e.RealIP(), in.Station, in.Kind, now)
	used, err := abuse.TokenHash(e.App, in.Token)
	if err != nil {
		return "", err
	}
	src := submission.Source{Channel: schema.ChannelQR, DeviceHash: sender.Device, FormToken: used}
	if tooFast || abuse.IsBurst(e.App, sender, now) {
		src.Flags = []string{schema.FlagBurst}
	}
	receipt, err := submission.Submit(e.App, in, src)
	switch {
	case err == nil:
		abuse.Record(e.App, sender, now)
	case errors.Is(err, submission.ErrReplay):
		// A double press, or a resend of an item already stored: refusing loses nothing, as
		// the text comes back and one press sends it anew.
		return "", submission.Errors{"token": msgReplay}
	}
	return receipt, err
}

// apiError is PocketBase's error shape, so that its JavaScript SDK reads our messages.
type apiError struct {
	Status  int                   `json:"status"`
	Message string                `json:"message"`
	Data    map[string]fieldError `json:"data"`
}

type fieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MarshalJSON writes no field messages as {}, as PocketBase does.
func (a apiError) MarshalJSON() ([]byte, error) {
	type plain apiError
	if a.Data == nil {
		a.Data = map[string]fieldError{}
	}
	return json.Marshal(plain(a))
}

// renderRefused shows the form again with the messages and what was typed. The token is
// kept while it is valid (its time still counts), else the form gets a fresh one.
func renderRefused(e *core.RequestEvent, in submission.Input, bad submission.Errors) error {
	st, err := findStation(e.App, in.Station)
	if err != nil {
		return StationMissing(e)
	}
	token := in.Token
	if _, ok := bad["token"]; ok {
		if token, err = abuse.NewToken(e.App, st.Code, time.Now()); err != nil {
			return err
		}
	}
	msgs := bad.In(in.Lang)
	msgs[""] = msgFix.In(in.Lang)
	in.Website = ""
	return renderForm(e, http.StatusBadRequest, st, in, token, msgs)
}

// wantsJSON tells a JSON client (or form.js, which asks for JSON) from a plain form post.
func wantsJSON(r *http.Request) bool {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mediaType == "application/json" || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// renderThanks shows the receipt after a plain form post: the form page in its "sent" state.
func renderThanks(e *core.RequestEvent, in submission.Input, receipt string) error {
	st, err := findStation(e.App, in.Station)
	if err != nil {
		return err
	}
	lang := in.Lang
	return pages.Render(e, http.StatusOK, "form.html", formPage{
		// The language switch leads to /track: the receipt is shown once and nowhere else.
		Base:    pages.Base{Lang: lang, Title: words.T(lang, "form.thanks"), Path: "/track"},
		Station: st, Receipt: receipt, Messages: jsMessages(lang),
	})
}
