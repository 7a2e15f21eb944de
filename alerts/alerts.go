// Package alerts tells the district and sub-division officers of a station at once when an
// urgent item arrives there: a short mail with the station, kind, time and console link (no
// text, no contact). A burst becomes one mail per officer per Window: the first alert goes
// out at once, the ones that follow within the window wait for its end and go out together.
//
// Every alert is a row of the outbox until its mail is sent, so a restart or a mail server that
// is down delays alerts but never loses them.
package alerts

import (
	"context"
	"embed"
	"errors"
	htmltemplate "html/template"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/smtpmail"
	"anubhav/words"
)

// Window is the shortest time between two alert mails to one officer.
const Window = 10 * time.Minute

//go:embed templates
var templateFS embed.FS

var (
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Funcs(words.Funcs).ParseFS(templateFS, "templates/*.html"))
	textTemplates = texttemplate.Must(texttemplate.New("").Funcs(words.Funcs).ParseFS(templateFS, "templates/*.txt"))
)

// IsUrgent reports whether an item carries the urgent flag.
func IsUrgent(item *core.Record) bool {
	for _, f := range item.GetStringSlice("flags") {
		if f == schema.FlagUrgent {
			return true
		}
	}
	return false
}

// newsFor is how old an arriving item may be and still raise an alert.
const newsFor = 24 * time.Hour

// IsNews reports whether an item arrived recently enough to alert anyone about it.
func IsNews(item *core.Record, now time.Time) bool {
	return now.Sub(item.GetDateTime("created").Time()) < newsFor
}

// Enqueue queues an alert about an urgent item, due at the given time, for each district and
// sub-division officer of its station that has an email address; queueing it again changes
// nothing.
func Enqueue(app core.App, item *core.Record, at time.Time) error {
	officers, err := app.FindRecordsByFilter(schema.Officers,
		"email != '' && ((role = 'district' && area = {:district}) || (role = 'subdivision' && area = {:subdivision} && area != ''))",
		"", 0, 0, dbx.Params{"district": item.GetString("district"), "subdivision": item.GetString("subdivision")})
	if err != nil {
		return err
	}
	for _, officer := range officers {
		if _, err := outbox.Enqueue(app, outbox.Alert, item.Id, officer.Id, at); err != nil {
			return err
		}
	}
	return nil
}

// Delivery is how the outbox sends alerts: an officer's due alerts as one mail, at most one
// mail per Window; a failed mail is tried again after 1, 2, 5 and then every 10 minutes, never
// given up (an urgent item stays worth telling).
func Delivery() outbox.Kind {
	return outbox.Kind{Sender: smtpmail.Sender{Session: func(app core.App, conn *smtpmail.Conn, _ time.Time) outbox.Session {
		return session{app: app, conn: conn}
	}}, Spacing: Window, Waits: []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute}}
}

type session struct {
	app  core.App
	conn *smtpmail.Conn
}

// item is what an alert tells of an item.
type item struct {
	ID      string         `db:"id"`
	Created types.DateTime `db:"created"`
	Kind    string         `db:"kind"`
	Station string         `db:"name"`
	NameHi  string         `db:"name_hi"`
}

// Send mails one officer about the items of its due alerts.
func (s session) Send(_ context.Context, rows []*core.Record) error {
	officer, err := s.app.FindRecordById(schema.Officers, rows[0].GetString("recipient"))
	if err != nil {
		return outbox.Permanent(errors.New("the officer is gone"))
	}
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.GetString("ref")
	}
	var items []item
	err = s.app.DB().Select("f.id", "f.created", "f.kind", "s.name", "s.name_hi").From(schema.Feedback+" f").
		InnerJoin(schema.Stations+" s", dbx.NewExp("s.id = f.station")).
		Where(dbx.In("f.id", ids...)).OrderBy("f.created").All(&items)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return outbox.Permanent(errors.New("the items are gone"))
	}
	cfg, err := appconfig.ForScope(s.app, scope.Of(officer))
	if err != nil {
		return err
	}
	msg, err := render(s.app, cfg, officer, items)
	if err != nil {
		return err
	}
	return s.conn.Send(msg)
}

func (s session) Close() error { return s.conn.Close() }

// mail is what an alert mail shows: where, what and when, and a link; nothing a citizen wrote.
type mail struct {
	Lang     string
	District string
	Items    []mailItem
}

type mailItem struct {
	Station string
	Kind    string
	When    time.Time
	Link    string
}

func render(app core.App, cfg *appconfig.Config, officer *core.Record, batch []item) (smtpmail.Message, error) {
	lang := words.Choose(officer.GetString("lang"))
	data := mail{Lang: lang, District: words.Name(lang, cfg.DistrictNameHi, cfg.DistrictName)}
	console := strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/console/#/item/"
	var stations []string
	for _, r := range batch {
		station := words.Name(lang, r.NameHi, r.Station)
		data.Items = append(data.Items, mailItem{Station: station, Kind: r.Kind, When: r.Created.Time().In(cfg.Location), Link: console + r.ID})
		if len(stations) < 3 && !slices.Contains(stations, station) {
			stations = append(stations, station)
		}
	}
	subject := words.T(lang, "alert.subject", "stations", strings.Join(stations, ", "))
	if len(batch) > 1 {
		subject = words.T(lang, "alert.subject_many", "n", len(batch), "stations", strings.Join(stations, ", "))
	}
	m := smtpmail.Message{To: officer.Email(), Name: officer.GetString("name"), Subject: subject}
	err := m.Render(htmlTemplates, textTemplates, "alert", data)
	return m, err
}
