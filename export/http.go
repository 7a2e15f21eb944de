package export

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/console"
	"anubhav/schema"
	"anubhav/scope"
	"anubhav/stations"
	"anubhav/words"
)

// Formats of an export.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

var contentTypes = map[string]string{
	FormatCSV:  "text/csv; charset=utf-8",
	FormatXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// MaxTime bounds the writing of one export.
const MaxTime = 30 * time.Minute

// TotalHeader carries, ahead of the rows, how many the export holds: the console shows the
// download's progress against it.
const TotalHeader = "X-Total-Count"

// Request is a checked export request: the inbox's filter, and whether the officer chose to
// take the contacts out.
type Request struct {
	Filter   console.Filter
	Contacts bool
	Format   string
}

// Parse checks an export's parameters, with a message per bad one in the officer's language.
func Parse(officer *core.Record, q url.Values, format string) (Request, error) {
	lang := officer.GetString("lang")
	f, err := console.ParseFilter(q, lang)
	bad := validation.Errors{}
	if fields, ok := err.(validation.Errors); ok {
		bad = fields
	}
	r := Request{Filter: f, Format: format}
	switch q.Get("contacts") {
	case "", "0":
	case "1":
		r.Contacts = true
		if !scope.Of(officer).SeesContacts() {
			bad["contacts"] = words.FieldError("no_contacts", words.T(lang, "export.no_contacts"))
		}
	default:
		bad["contacts"] = words.FieldError("invalid_contacts", words.T(lang, "export.bad_contacts"))
	}
	if len(bad) > 0 {
		return r, bad
	}
	return r, nil
}

// HandleCSV streams the officer's export as CSV (GET /api/console/export.csv).
func HandleCSV(e *core.RequestEvent) error { return handle(e, FormatCSV) }

// HandleXLSX sends the officer's export as an Excel workbook (GET /api/console/export.xlsx).
func HandleXLSX(e *core.RequestEvent) error { return handle(e, FormatXLSX) }

func handle(e *core.RequestEvent, format string) error {
	lang := e.Auth.GetString("lang")
	r, err := Parse(e.Auth, e.Request.URL.Query(), format)
	if err != nil {
		bad := e.BadRequestError("", err)
		bad.Message = words.T(lang, "console.check") // as written: PocketBase would add "." after a danda
		return bad
	}
	total, err := console.ExportCount(e.App, e.Auth, r.Filter)
	if err != nil {
		return err
	}
	h := e.Response.Header()
	h.Set("Content-Type", contentTypes[format])
	h.Set("Content-Disposition", `attachment; filename="`+FileName(e.App, e.Auth, r.Filter, format)+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set(TotalHeader, strconv.Itoa(total))
	rc := http.NewResponseController(e.Response)
	// PocketBase gives a response 5 minutes; a million rows on a slow machine may need more
	_ = rc.SetWriteDeadline(time.Now().Add(MaxTime))
	if format == FormatCSV {
		e.Response.WriteHeader(http.StatusOK)
		return CSV(e.App, e.Auth, r, e.Response, func() { _ = rc.Flush() })
	}
	file, err := XLSX(e.App, e.Auth, r, TempDir(e.App))
	if file != nil {
		defer os.Remove(file.Name())
		defer file.Close()
	}
	if err != nil {
		return err
	}
	if info, err := file.Stat(); err == nil {
		h.Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	}
	e.Response.WriteHeader(http.StatusOK)
	_, err = io.Copy(e.Response, file)
	return err
}

// TempDir is where a workbook is built: PocketBase's temporary folder in the data folder,
// readable by the service alone and emptied when it starts.
func TempDir(app core.App) string {
	dir := filepath.Join(app.DataDir(), core.LocalTempDirName)
	_ = os.MkdirAll(dir, 0o700)
	return dir
}

// CSV writes the export as CSV to w, calling sent after each batch.
func CSV(app core.App, officer *core.Record, r Request, w io.Writer, sent func()) error {
	cols, err := columns(app, scope.Of(officer), officer.GetString("lang"), r.Contacts)
	if err != nil {
		return err
	}
	sheet, err := newCSV(w, labels(cols))
	if err != nil {
		return err
	}
	sendBatch := func() error {
		if err := sheet.flush(); err != nil {
			return err
		}
		sent()
		return nil
	}
	if err := each(app, officer, r, cols, sheet.add, sendBatch); err != nil {
		return err
	}
	return sendBatch() // the header, when no batch came
}

// XLSX writes the export as a workbook into a new file in dir, open at its start; the caller
// removes it.
func XLSX(app core.App, officer *core.Record, r Request, dir string) (*os.File, error) {
	cols, err := columns(app, scope.Of(officer), officer.GetString("lang"), r.Contacts)
	if err != nil {
		return nil, err
	}
	sheet, err := newXLSX(dir, labels(cols))
	defer sheet.close()
	if err != nil {
		return nil, err
	}
	if err := each(app, officer, r, cols, sheet.add, func() error { return nil }); err != nil {
		return nil, err
	}
	return sheet.save(dir)
}

func labels(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.label
	}
	return out
}

// each writes every item of the export as a row, and ends each batch with done.
func each(app core.App, officer *core.Record, r Request, cols []column, add func([]any) error, done func() error) error {
	cells := make([]any, len(cols))
	opt := console.ExportOptions{Contacts: r.Contacts, Format: strings.ToUpper(r.Format)}
	return console.Export(app, officer, r.Filter, opt, func(batch []console.Exported) error {
		for i := range batch {
			for c, col := range cols {
				cells[c] = col.cell(&batch[i])
			}
			if err := add(cells); err != nil {
				return err
			}
		}
		return done()
	})
}

// FileName names an export after its unit and dates: anubhav-<unit>-<from>-<to>.<format>,
// the unit being the filter's station or area or else the officer's own, and the dates the
// filter's ("all" before the first item, today after the last).
func FileName(app core.App, officer *core.Record, f console.Filter, format string) string {
	unit := f.Area
	if unit == "" {
		sc := scope.Of(officer)
		stationID := f.Station
		if stationID == "" && sc.Field == "station" {
			stationID = sc.ID
		}
		if s, err := stations.ByID(app, stationID); stationID != "" && err == nil {
			unit = s.Code
		} else if area, err := app.FindRecordById(schema.Areas, sc.ID); sc.Field != "station" && err == nil {
			unit = area.GetString("code")
		}
	}
	from, to := f.From, f.To
	if from == "" {
		from = "all"
	}
	if to == "" {
		to = time.Now().Format(time.DateOnly)
		if set, err := appconfig.All(app); err == nil {
			to = time.Now().In(set.Defaults.Location).Format(time.DateOnly)
		}
	}
	return strings.Join([]string{"anubhav", safeName(unit), from, to}, "-") + "." + format
}

// safeName keeps a file name to the letters of a code: an area's code is a slug, but the
// filter's area is whatever was asked for.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, strings.ToLower(s))
	if s == "" {
		return "export"
	}
	return s
}
