package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/browser"
	"anubhav/dashboard"
	"anubhav/poster"
	"anubhav/schema"
)

// ErrNoArea: the area code names no area.
var ErrNoArea = errors.New("no area has this code")

// Files is what WriteArea wrote: the HTML files, then the PDFs (none without Chromium).
type Files struct {
	HTML, PDF []string
}

// WriteArea writes, for a month, the report of an area (as its own officers see it) and the
// report of each station under it (as the station's officer sees it: the copy that may be
// handed to the station) into dir as {code}.html, and where Chromium is installed each as
// {code}.pdf too. It says each file done on log. month is YYYY-MM; a bad one is the month's
// validation.Errors.
func WriteArea(ctx context.Context, app core.App, areaCode, month, lang, dir string, log io.Writer) (Files, error) {
	var files Files
	area, err := app.FindFirstRecordByData(schema.Areas, "code", areaCode)
	if err != nil {
		return files, ErrNoArea
	}
	fonts, err := poster.Fonts(app)
	if err != nil {
		return files, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return files, err
	}
	now := time.Now()
	write := func(officer *core.Record, unit url.Values, code string) (*Report, error) {
		unit.Set("month", month)
		r, err := Build(app, officer, unit, now)
		if err != nil {
			return nil, err
		}
		var doc bytes.Buffer
		if err := r.Render(&doc, fonts); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, code+".html")
		if err := os.WriteFile(path, doc.Bytes(), 0o600); err != nil {
			return nil, err
		}
		files.HTML = append(files.HTML, path)
		fmt.Fprintf(log, "wrote %s\n", path)
		return r, nil
	}
	top, err := write(officerOf(app, area.GetString("kind"), "area", area.Id, lang), url.Values{"area": {areaCode}}, areaCode)
	if err != nil {
		return files, err
	}
	for _, s := range top.Sections {
		if s.Unit.Level != dashboard.LevelStation {
			continue
		}
		if _, err := write(officerOf(app, schema.RoleStation, "station", s.Unit.ID, lang), url.Values{"station": {s.Unit.Code}}, s.Unit.Code); err != nil {
			return files, fmt.Errorf("station %s: %w", s.Unit.Code, err)
		}
	}
	return files, printAll(ctx, &files, log)
}

// officerOf is an officer of a role bound to a unit, not saved: the report of a unit as its
// own officers see it, for the command line, where nobody is logged in.
func officerOf(app core.App, role, field, id, lang string) *core.Record {
	col, _ := app.FindCachedCollectionByNameOrId(schema.Officers)
	o := core.NewRecord(col)
	o.Set("role", role)
	o.Set(field, id)
	o.Set("lang", lang)
	return o
}

// printAll prints each HTML file to PDF beside it, where Chromium is installed.
func printAll(ctx context.Context, files *Files, log io.Writer) error {
	path := browser.Path()
	if path == "" {
		fmt.Fprintln(log, "Chromium is not installed: no PDFs (apt-get install chromium; or open the .html files in a browser and print them)")
		return nil
	}
	ctx, cancel := browser.Start(ctx, path)
	defer cancel()
	for _, html := range files.HTML {
		pdf, err := browser.PrintPDF(ctx, (&url.URL{Scheme: "file", Path: slashed(html)}).String())
		if err != nil {
			return fmt.Errorf("printing %s: %w", html, err)
		}
		out := html[:len(html)-len(".html")] + ".pdf"
		if err := os.WriteFile(out, pdf, 0o600); err != nil {
			return err
		}
		files.PDF = append(files.PDF, out)
		fmt.Fprintf(log, "printed %s\n", out)
	}
	return nil
}

// MonthProblem is what an error of WriteArea or Build says is wrong with the month, "" for
// nothing.
func MonthProblem(err error) string {
	var bad validation.Errors
	if errors.As(err, &bad) {
		if e, ok := bad["month"]; ok {
			return e.Error()
		}
	}
	return ""
}

// slashed is a file's absolute path as a file: URL has it, a Windows drive's too (/C:/…).
func slashed(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}
