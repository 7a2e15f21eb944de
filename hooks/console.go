package hooks

import (
	"errors"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/sms"
	"anubhav/submission"
)

// consoleCSP keeps the console free of inline script: its pages load script and style from
// the appliance only. Inline style is allowed for the digest preview (an e-mail, shown in a
// sandboxed srcdoc frame, which inherits this policy); no citizen text is ever HTML.
const consoleCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// bindConsole serves the officers' console API under /api/console/ and guards the console's
// pages with a Content-Security-Policy.
func bindConsole(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if strings.HasPrefix(e.Request.URL.Path, "/console") {
				e.Response.Header().Set("Content-Security-Policy", consoleCSP)
				e.Response.Header().Set("Cache-Control", "no-cache")
				e.Response.Header().Set("Referrer-Policy", "same-origin")
			}
			return e.Next()
		})

		officers := se.Router.Group("/api/console")
		officers.Bind(apis.RequireAuth(schema.Officers))
		officers.GET("/me", consoleMe)
		officers.GET("/items", consoleList)
		officers.GET("/items/{id}", consoleItem)
		officers.POST("/items/{id}/actions", consoleAct)
		officers.POST("/items", consoleEnter)
		officers.GET("/digests", consoleDigests)

		se.Router.GET("/api/console/settings", consoleSettings).Bind(apis.RequireAuth(schema.Officers, core.CollectionNameSuperusers))
		se.Router.PATCH("/api/console/settings", consoleSaveSettings).Bind(apis.RequireAuth(schema.Officers, core.CollectionNameSuperusers))

		// replies whose SMS was cut short by a stop are sent now
		if err := sms.Resume(se.App); err != nil {
			return err
		}
		return se.Next()
	})
}

// consoleMe tells the console who is logged in, what they may see and do, and their stations.
func consoleMe(e *core.RequestEvent) error {
	me, err := console.Describe(e.App, e.Auth)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, me)
}

func consoleList(e *core.RequestEvent) error {
	f, err := console.ParseFilter(e.Request.URL.Query())
	if err != nil {
		return consoleError(e, err)
	}
	page, err := console.List(e.App, e.Auth, f)
	if err != nil {
		return consoleError(e, err)
	}
	return e.JSON(http.StatusOK, page)
}

func consoleItem(e *core.RequestEvent) error {
	d, err := console.Item(e.App, e.Auth, e.Request.PathValue("id"))
	if err != nil {
		return consoleError(e, err)
	}
	return e.JSON(http.StatusOK, d)
}

func consoleAct(e *core.RequestEvent) error {
	var a console.Action
	if err := e.BindBody(&a); err != nil {
		return e.BadRequestError("The action could not be read.", err)
	}
	followup, err := console.Act(e.App, e.Auth, e.Request.PathValue("id"), a)
	if err != nil {
		return consoleError(e, err)
	}
	if followup.GetString("action") == schema.ActionReply {
		sms.Queue(e.App, followup.Id)
	}
	d, err := console.Item(e.App, e.Auth, e.Request.PathValue("id"))
	if err != nil {
		return consoleError(e, err)
	}
	return e.JSON(http.StatusOK, d)
}

// consoleDigests lists the officer's own digests ("My digest").
func consoleDigests(e *core.RequestEvent) error {
	rows, err := console.Digests(e.App, e.Auth)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"items": rows})
}

// consoleEnter stores an item an officer received by another channel and returns its receipt.
func consoleEnter(e *core.RequestEvent) error {
	var entry console.NewItem
	if err := e.BindBody(&entry); err != nil {
		return e.BadRequestError("The entry could not be read.", err)
	}
	receipt, err := console.Enter(e.App, e.Auth, entry)
	var bad submission.Errors
	if errors.As(err, &bad) {
		fields := validation.Errors{}
		for field, msg := range bad.In(e.Auth.GetString("lang")) {
			fields[field] = validation.NewError("invalid_entry", msg)
		}
		return e.BadRequestError("Please check the marked fields.", fields)
	}
	if errors.Is(err, submission.ErrUnknownStation) {
		return e.NotFoundError("No such active station.", nil)
	}
	if err != nil {
		return consoleError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]string{"receipt": receipt})
}

// consoleSettings shows one district's settings (?district=CODE; the officer's own, or the
// first of a range officer's districts).
func consoleSettings(e *core.RequestEvent) error {
	v, err := console.Settings(e.App, e.Auth, e.Request.URL.Query().Get("district"))
	if err != nil {
		return consoleError(e, err)
	}
	return e.JSON(http.StatusOK, v)
}

func consoleSaveSettings(e *core.RequestEvent) error {
	changes := map[string]any{}
	if err := e.BindBody(&changes); err != nil {
		return e.BadRequestError("The settings could not be read.", err)
	}
	if err := console.SaveSettings(e.App, e.Auth, e.Request.URL.Query().Get("district"), changes); err != nil {
		return consoleError(e, err)
	}
	return consoleSettings(e)
}

// consoleError answers a console error with its status: 404 for what is outside the scope
// (as if it did not exist), 403 for what the role may not do, 409 for an item whose status
// moved on, 400 with a message per field for bad input.
func consoleError(e *core.RequestEvent, err error) error {
	var fields validation.Errors
	switch {
	case errors.Is(err, console.ErrNotFound):
		return e.NotFoundError("No such item in your area.", nil)
	case errors.Is(err, console.ErrForbidden):
		return e.ForbiddenError("Your role may not do this.", nil)
	case errors.Is(err, console.ErrStatus):
		return e.Error(http.StatusConflict, "This action does not apply to the item as it is now.", nil)
	case errors.As(err, &fields):
		return e.BadRequestError("Please check the marked fields.", fields)
	}
	return err
}
