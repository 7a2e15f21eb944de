package console

// The console's HTTP handlers: each reads its request, calls the console's logic with the
// officer's scope, and answers JSON; hooks/routes.go binds them.

import (
	"errors"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/submission"
	"anubhav/words"
)

// CSP keeps the console free of inline script: its pages load script and style from the
// appliance only. Inline style is allowed for the digest preview (an e-mail, shown in a
// sandboxed srcdoc frame, which inherits this policy); no citizen text is ever HTML. Fonts
// may be data: for the monthly report, opened from the console as a blob (which inherits this
// policy too) with its fonts inside it.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// GuardPages sets the console pages' security headers.
func GuardPages(e *core.RequestEvent) error {
	if strings.HasPrefix(e.Request.URL.Path, "/console") {
		e.Response.Header().Set("Content-Security-Policy", CSP)
		e.Response.Header().Set("Cache-Control", "no-cache")
		e.Response.Header().Set("Referrer-Policy", "same-origin")
	}
	return e.Next()
}

// HandleMe tells the console who is logged in, what they may see and do, and their stations.
func HandleMe(e *core.RequestEvent) error {
	me, err := Describe(e.App, e.Auth)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, me)
}

func HandleList(e *core.RequestEvent) error {
	f, err := ParseFilter(e.Request.URL.Query(), e.Auth.GetString("lang"))
	if err != nil {
		return httpError(e, err)
	}
	page, err := List(e.App, e.Auth, f)
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, page)
}

func HandleItem(e *core.RequestEvent) error {
	d, err := Item(e.App, e.Auth, e.Request.PathValue("id"))
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, d)
}

func HandleAct(e *core.RequestEvent) error {
	var a Action
	if err := e.BindBody(&a); err != nil {
		return e.BadRequestError("The action could not be read.", err)
	}
	if _, err := Act(e.App, e.Auth, e.Request.PathValue("id"), a); err != nil {
		return httpError(e, err)
	}
	d, err := Item(e.App, e.Auth, e.Request.PathValue("id"))
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, d)
}

// HandleBulk takes one action on the selected items (POST, {action, body, officer, ids}).
func HandleBulk(e *core.RequestEvent) error {
	var b Bulk
	if err := e.BindBody(&b); err != nil {
		return e.BadRequestError("The action could not be read.", err)
	}
	res, err := ActAll(e.App, e.Auth, b)
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, res)
}

// HandleLookup finds an item by receipt or reference (POST {q}: a receipt kept out of the
// request log, which records the URL).
func HandleLookup(e *core.RequestEvent) error {
	var body struct {
		Q string `json:"q"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The number could not be read.", err)
	}
	id, err := Lookup(e.App, e.Auth, body.Q)
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]string{"id": id})
}

// HandleShared lists the tip-offs shared with a station officer's station.
func HandleShared(e *core.RequestEvent) error {
	tips, err := Shared(e.App, e.Auth)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"items": tips})
}

// HandleAnswerShared records a station's answer to a tip shared with it (POST {body}).
func HandleAnswerShared(e *core.RequestEvent) error {
	var body struct {
		Body string `json:"body"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The answer could not be read.", err)
	}
	if err := AnswerShared(e.App, e.Auth, e.Request.PathValue("id"), body.Body); err != nil {
		return httpError(e, err)
	}
	return HandleShared(e)
}

// HandleDigests lists the officer's own digests ("My digest").
func HandleDigests(e *core.RequestEvent) error {
	rows, err := Digests(e.App, e.Auth)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"items": rows})
}

// HandleEnter stores an item an officer received by another channel and returns its receipt.
func HandleEnter(e *core.RequestEvent) error {
	var entry NewItem
	if err := e.BindBody(&entry); err != nil {
		return e.BadRequestError("The entry could not be read.", err)
	}
	receipt, err := Enter(e.App, e.Auth, entry)
	var bad submission.Errors
	if errors.As(err, &bad) {
		fields := validation.Errors{}
		for field, msg := range bad.In(e.Auth.GetString("lang")) {
			fields[field] = words.FieldError("invalid_entry", msg)
		}
		return e.BadRequestError("Please check the marked fields.", fields)
	}
	if errors.Is(err, submission.ErrUnknownStation) {
		return e.NotFoundError("No such active station.", nil)
	}
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]string{"receipt": receipt})
}

// HandleSettings shows one district's settings (?district=CODE; the officer's own, or the
// first of a range officer's districts).
func HandleSettings(e *core.RequestEvent) error {
	v, err := Settings(e.App, e.Auth, e.Request.URL.Query().Get("district"))
	if err != nil {
		return httpError(e, err)
	}
	return e.JSON(http.StatusOK, v)
}

func HandleSaveSettings(e *core.RequestEvent) error {
	changes := map[string]any{}
	if err := e.BindBody(&changes); err != nil {
		return e.BadRequestError("The settings could not be read.", err)
	}
	if err := SaveSettings(e.App, e.Auth, e.Request.URL.Query().Get("district"), changes); err != nil {
		return httpError(e, err)
	}
	return HandleSettings(e)
}

// httpError answers a console error with its status: 404 for what is outside the scope
// (as if it did not exist), 403 for what the role may not do, 409 for an item whose status
// moved on, 400 with a message per field for bad input.
func httpError(e *core.RequestEvent, err error) error {
	var fields validation.Errors
	switch {
	case errors.Is(err, ErrNotFound):
		return e.NotFoundError("No such item in your area.", nil)
	case errors.Is(err, ErrForbidden):
		return e.ForbiddenError("Your role may not do this.", nil)
	case errors.Is(err, ErrStatus):
		return e.Error(http.StatusConflict, "This action does not apply to the item as it is now.", nil)
	case errors.As(err, &fields):
		return e.BadRequestError("Please check the marked fields.", fields)
	}
	return err
}
