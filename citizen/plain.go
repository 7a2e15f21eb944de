package citizen

import (
	"cmp"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"anubhav/abuse"
	"anubhav/schema"
	"anubhav/submission"
	"anubhav/words"
)

// keptBody is how much of a plain post PlainPosts keeps to refill its form: four times the
// limit, so that a post over the limit still comes back with its answers, the too-long one
// marked. A body larger still is not read at all; its form comes back empty.
const keptBody = 4 * submission.MaxBody

// reasons are the messages over a refused plain post's form, by status; another refusal
// (400) is a body that could not be read whole.
var reasons = map[int]words.Msg{
	http.StatusRequestEntityTooLarge: words.M("error.too_large"),
	http.StatusTooManyRequests:       words.M("error.too_many"),
}

var msgUnreadablePost = words.M("error.unreadable_post")

// PlainPosts brings every refusal of a plain form post (no JavaScript) back to its form, in
// its language, with what was typed and the reason: PocketBase's rate limiter (429) and body
// limit (413) answer before the handler, and in JSON, which the browser would show as raw
// text. It runs before both and keeps a copy of the body to refill the form. When the body
// names no station (unreadable, too large), the form's action query does. A JSON client, or
// form.js, which asks for JSON, passes through untouched.
func PlainPosts() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "anubhavPlainPosts",
		Priority: apis.DefaultRateLimitMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			if wantsJSON(e.Request) {
				return e.Next()
			}
			var kept []byte
			if e.Request.ContentLength <= keptBody {
				var err error
				if kept, err = io.ReadAll(io.LimitReader(e.Request.Body, keptBody+1)); err != nil {
					return refusedPost(e, router.NewBadRequestError("", err), submission.Input{})
				}
				// PocketBase's router keeps what was read for the handler to read again (at
				// the end, it rewinds by itself); a body cut at keptBody, over the body
				// limit, is refused by it all the same.
				if rr, ok := e.Request.Body.(router.Rereader); ok {
					rr.Reread()
				}
			}
			err := e.Next()
			var refusal *router.ApiError
			if e.Written() || !errors.As(err, &refusal) || refusal.Status < 400 || refusal.Status >= 500 {
				return err
			}
			var in submission.Input
			if len(kept) <= keptBody {
				in = submission.Salvage(e.Request.Header.Get("Content-Type"), kept)
			}
			return refusedPost(e, refusal, in)
		},
	}
}

// refusedPost renders the form of a post that the handler never read, or could not: the
// station, kind and language from the body or else from the form's action query, a message
// per field that needs it (a too-long answer is why most bodies are too large). A post that
// names no station at all did not come from a form: it keeps PocketBase's answer. A body
// that could not be read at all comes back as an empty form under its reason.
func refusedPost(e *core.RequestEvent, refusal *router.ApiError, in submission.Input) error {
	// a form always sends its station: a body without one was not read at all
	read := in.Station != ""
	q := e.Request.URL.Query()
	if in.Station == "" {
		in.Station = strings.ToLower(q.Get("station"))
	}
	in.Kind = cmp.Or(in.Kind, q.Get("kind"), schema.KindExperience)
	if in.Lang == "" {
		in.Lang = q.Get("lang")
	}
	if in.Station == "" {
		return refusal
	}
	bad := submission.Errors{}
	checked := in // Validate normalises; the form shows what was typed
	if err := submission.Validate(e.App, &checked); err != nil && !errors.As(err, &bad) {
		return StationMissing(e) // unknown station, or a fault: nothing to refill
	}
	if !read {
		// nothing typed came back: the reason alone, no "answer this" on every question
		bad = submission.Errors{}
	}
	reason, ok := reasons[refusal.Status]
	if !ok {
		reason = msgUnreadablePost
	}
	return formAgain(e, refusal.Status, in, bad, reason)
}

// formAgain renders the form again after a refusal: everything typed, a message per field
// and the reason on top. The token is kept unless refused (its time still counts).
func formAgain(e *core.RequestEvent, status int, in submission.Input, bad submission.Errors, reason words.Msg) error {
	st, err := findStation(e.App, in.Station)
	if err != nil || !isKind(in.Kind) {
		return StationMissing(e)
	}
	token := in.Token
	if _, refused := bad["token"]; refused || token == "" {
		if token, err = abuse.NewToken(e.App, st.Code, time.Now()); err != nil {
			return err
		}
	}
	lang := words.Choose(in.Lang)
	msgs := bad.In(lang)
	msgs[""] = reason.In(lang)
	// "correct the answers below" only when an answer is marked; else the form's own
	// refusal alone on top, said once
	if f := formRefusal(bad); f != "" && reason.Key == msgFix.Key {
		msgs[""] = msgs[f]
		delete(msgs, f)
	}
	in.Lang, in.Website = lang, ""
	return renderForm(e, status, st, in, token, msgs)
}
