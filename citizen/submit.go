package citizen

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/abuse"
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
// or a request that accepts JSON (form.js), gets JSON back; a plain form post is redirected
// to the thank-you page, or gets the form again with the messages and everything typed (see
// PlainPosts for the refusals that come before this handler or as an error from it).
func Submit(e *core.RequestEvent) error {
	now := time.Now()
	in, err := submission.Decode(e.Request)
	wantsJSON := wantsJSON(e.Request)
	// the messages' language; Validate refuses a language that no catalog has
	lang := words.Choose(in.Lang)
	var tooLarge *http.MaxBytesError
	if errors.Is(err, apis.ErrRequestEntityTooLarge) || errors.As(err, &tooLarge) {
		return apis.ErrRequestEntityTooLarge
	}
	if err != nil {
		// never Go's own words: a citizen cannot act on them
		return e.BadRequestError(msgUnreadable.In(lang), nil)
	}

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
		return toThanks(e, in.Station, lang, receipt)
	case errors.Is(err, submission.ErrUnknownStation) && wantsJSON:
		return e.JSON(http.StatusNotFound, apiError{http.StatusNotFound, msgNoStation.In(lang), nil})
	case errors.Is(err, submission.ErrUnknownStation):
		return StationMissing(e)
	case errors.As(err, &bad) && wantsJSON:
		data := map[string]fieldError{}
		for f, m := range bad.In(lang) {
			data[f] = fieldError{"validation_invalid", m}
		}
		return e.JSON(http.StatusBadRequest, apiError{http.StatusBadRequest, msgFix.In(lang), data})
	case errors.As(err, &bad):
		return formAgain(e, http.StatusBadRequest, in, bad, msgFix)
	}
	return err
}

// formLevel are the messages of a refused form as a whole, not of an answer on it.
var formLevel = []string{"token", "lang", abuse.HoneypotField}

// formRefusal is the field of a refusal of the form as a whole (its token, another site's
// page, a resend, its language) when no answer is marked, else "".
func formRefusal(bad submission.Errors) string {
	for f := range bad {
		if !slices.Contains(formLevel, f) {
			return ""
		}
	}
	for _, f := range formLevel {
		if _, ok := bad[f]; ok {
			return f
		}
	}
	return ""
}

// store stores a post that passed the abuse checks: flagged burst when sent too fast or
// when its sender sent many; a form already sent is answered with its receipt when it says
// the same, refused otherwise.
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
		// A resend whose first answer was lost (2G), or a double press: the same form with the
		// same words gets the same receipt, and nothing is stored twice. Other words under a
		// spent token are refused; that loses nothing, as the text comes back with a fresh
		// token and one press sends it anew.
		receipt, err = submission.Replayed(e.App, in, src)
		if errors.Is(err, submission.ErrReplay) {
			return "", submission.Errors{"token": msgReplay}
		}
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

// wantsJSON tells a JSON client (or form.js, which asks for JSON) from a plain form post.
func wantsJSON(r *http.Request) bool {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mediaType == "application/json" || strings.Contains(r.Header.Get("Accept"), "application/json")
}
