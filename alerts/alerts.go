// Package alerts tells the district and sub-division officers of a station at once when an
// urgent item arrives there: a short mail with the station, kind, time and console link (no
// text, no contact). A burst becomes one mail per officer per Window: the first alert goes
// out at once, the ones that follow within the window wait for its end and go out together.
//
// Every alert is a row of the alerts collection until its mail is sent, so a restart or a
// mail server that is down delays alerts but never loses them.
package alerts

import (
	"context"
	"embed"
	htmltemplate "html/template"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/smtpmail"
	"anubhav/words"
)

// The alerts collection and its statuses.
const (
	Collection = "alerts"
	Pending    = "pending"
	Sent       = "sent"
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

// Enqueue records an alert about an urgent item for each district and sub-division officer
// of its station that has an email address. It returns how many it queued.
func Enqueue(app core.App, item *core.Record) (int, error) {
	officers, err := app.FindRecordsByFilter(schema.Officers,
		"email != '' && ((role = 'district' && area = {:district}) || (role = 'subdivision' && area = {:subdivision} && area != ''))",
		"", 0, 0, dbx.Params{"district": item.GetString("district"), "subdivision": item.GetString("subdivision")})
	if err != nil {
		return 0, err
	}
	collection, err := app.FindCachedCollectionByNameOrId(Collection)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, officer := range officers {
		exists, _ := app.FindFirstRecordByFilter(Collection, "officer = {:officer} && feedback = {:item}",
			dbx.Params{"officer": officer.Id, "item": item.Id})
		if exists != nil {
			continue
		}
		row := core.NewRecord(collection)
		row.Load(map[string]any{"officer": officer.Id, "feedback": item.Id, "status": Pending})
		if err := app.Save(row); err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}

type pendingRow struct {
	ID      string         `db:"id"`
	Officer string         `db:"officer"`
	Item    string         `db:"feedback"`
	Created types.DateTime `db:"created"`
	Kind    string         `db:"kind"`
	Station string         `db:"name"`
	NameHi  string         `db:"name_hi"`
}

// Flush sends each officer with pending alerts one mail about all of them, unless the
// officer got an alert mail within the last Window (the scheduler flushes every minute, so a
// held-back mail goes out within a minute of the window's end).
func Flush(ctx context.Context, app core.App, now time.Time) error {
	if err := smtpmail.Ready(app); err != nil {
		return err
	}
	var rows []pendingRow
	err := app.DB().Select("a.id", "a.officer", "a.feedback", "f.created", "f.kind", "s.name", "s.name_hi").
		From(Collection+" a").
		InnerJoin(schema.Feedback+" f", dbx.NewExp("f.id = a.feedback")).
		InnerJoin(schema.Stations+" s", dbx.NewExp("s.id = f.station")).
		Where(dbx.HashExp{"a.status": Pending}).OrderBy("a.officer", "f.created").All(&rows)
	if err != nil || len(rows) == 0 {
		return err
	}
	byOfficer := map[string][]pendingRow{}
	var order []string
	for _, r := range rows {
		if byOfficer[r.Officer] == nil {
			order = append(order, r.Officer)
		}
		byOfficer[r.Officer] = append(byOfficer[r.Officer], r)
	}
	var messages []smtpmail.Message
	var batches [][]pendingRow
	for _, officerID := range order {
		if now.Before(lastSent(app, officerID).Add(Window)) {
			continue
		}
		officer, err := app.FindRecordById(schema.Officers, officerID)
		if err != nil {
			return err
		}
		cfg, err := appconfig.ForScope(app, scope.Of(officer))
		if err != nil {
			return err
		}
		msg, err := render(app, cfg, officer, byOfficer[officerID])
		if err != nil {
			return err
		}
		messages, batches = append(messages, msg), append(batches, byOfficer[officerID])
	}
	for i, sendErr := range smtpmail.Send(ctx, app, messages) {
		if err := mark(app, batches[i], now, sendErr); err != nil {
			return err
		}
	}
	return nil
}

func lastSent(app core.App, officerID string) time.Time {
	var last types.DateTime
	_ = app.DB().Select("MAX(sent_at)").From(Collection).
		Where(dbx.HashExp{"officer": officerID, "status": Sent}).Row(&last)
	return last.Time()
}

// mark records the outcome of one officer's mail on its alerts.
func mark(app core.App, batch []pendingRow, now time.Time, sendErr error) error {
	ids := make([]any, len(batch))
	for i, r := range batch {
		ids[i] = r.ID
	}
	params := dbx.Params{"updated": types.NowDateTime().String()}
	if sendErr == nil {
		params["status"], params["sent_at"], params["last_error"] = Sent, now.UTC().Format(types.DefaultDateLayout), ""
	} else {
		params["last_error"], params["attempts"] = sendErr.Error(), dbx.NewExp("attempts + 1")
		app.Logger().Error("Urgent alert not sent; it is retried", "alerts", len(batch), "error", sendErr.Error())
	}
	_, err := app.DB().Update(Collection, params, dbx.In("id", ids...)).Execute()
	return err
}

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

func render(app core.App, cfg *appconfig.Config, officer *core.Record, batch []pendingRow) (smtpmail.Message, error) {
	lang := words.Choose(officer.GetString("lang"))
	data := mail{Lang: lang, District: words.Name(lang, cfg.DistrictNameHi, cfg.DistrictName)}
	console := strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/console/#/item/"
	var stations []string
	for _, r := range batch {
		station := words.Name(lang, r.NameHi, r.Station)
		data.Items = append(data.Items, mailItem{Station: station, Kind: r.Kind, When: r.Created.Time().In(cfg.Location), Link: console + r.Item})
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
