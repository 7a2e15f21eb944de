// Package adminmail tells the system administrators (PocketBase's superusers: they install,
// back up and restore; no officer role does) by mail when the database's safety is at risk:
// replication has fallen behind, or the nightly backup failed. Each event is one outbox row
// per superuser, so a mail server that is down delays the news but never loses it, and an
// event is told once however long it lasts.
package adminmail

import (
	"context"
	"embed"
	"errors"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/outbox"
	"anubhav/smtpmail"
	"anubhav/words"
)

//go:embed templates
var templateFS embed.FS

var (
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Funcs(words.Funcs).ParseFS(templateFS, "templates/*.html"))
	textTemplates = texttemplate.Must(texttemplate.New("").Funcs(words.Funcs).ParseFS(templateFS, "templates/*.txt"))
)

// What an event is about: the first word of its ref.
const (
	replication = "replication"
	backup      = "backup"
)

// Replication queues the mail that replication has been behind since the given time: one
// failure episode, one mail.
func Replication(app core.App, since time.Time) error {
	return enqueue(app, replication+" "+since.UTC().Format(time.RFC3339))
}

// Backup queues the mail that the nightly backup of the given name failed.
func Backup(app core.App, name string) error {
	return enqueue(app, backup+" "+name)
}

func enqueue(app core.App, ref string) error {
	supers, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	for _, s := range supers {
		if _, err := outbox.Enqueue(app, outbox.Admin, ref, s.Id, time.Now()); err != nil {
			return err
		}
	}
	return nil
}

// Delivery is how the outbox sends these mails: a superuser's due events in one mail, at
// most one mail an hour (a flapping network link must not flood the inbox); a failed mail is
// tried again after 1, 5 and then every 15 minutes, never given up.
func Delivery() outbox.Kind {
	return outbox.Kind{Sender: smtpmail.Sender{Session: func(app core.App, conn *smtpmail.Conn, _ time.Time) outbox.Session {
		return session{app: app, conn: conn}
	}}, Spacing: time.Hour, Waits: []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute}}
}

type session struct {
	app  core.App
	conn *smtpmail.Conn
}

// mail is what the mail tells, in Hindi and then in English: superusers have no language.
type mail struct {
	Langs  []string
	Events []event
	Logs   string
}

// event is one line: its words' key, and the time or the backup's name.
type event struct {
	Key  string
	When time.Time
	Name string
}

// Send mails one superuser about its due events.
func (s session) Send(_ context.Context, rows []*core.Record) error {
	super, err := s.app.FindRecordById(core.CollectionNameSuperusers, rows[0].GetString("recipient"))
	if err != nil {
		return outbox.Permanent(errors.New("the superuser is gone"))
	}
	cfg, err := appconfig.Get(s.app)
	if err != nil {
		return err
	}
	data := mail{Langs: []string{"hi", "en"}, Logs: strings.TrimRight(s.app.Settings().Meta.AppURL, "/") + "/_/#/logs"}
	for _, r := range rows {
		what, detail, _ := strings.Cut(r.GetString("ref"), " ")
		e := event{Key: "admin." + what, When: r.GetDateTime("created").Time().In(cfg.Location)}
		if what == replication {
			if since, err := time.Parse(time.RFC3339, detail); err == nil {
				e.When = since.In(cfg.Location)
			}
		} else {
			e.Name = detail
		}
		data.Events = append(data.Events, e)
	}
	m := smtpmail.Message{To: super.Email(), Subject: words.T("hi", "admin.subject") + " / " + words.T("en", "admin.subject")}
	if err := m.Render(htmlTemplates, textTemplates, "admin", data); err != nil {
		return err
	}
	return s.conn.Send(m)
}

func (s session) Close() error { return s.conn.Close() }
