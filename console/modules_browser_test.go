package console_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"anubhav/console"
	"anubhav/schema"
	"anubhav/testkit/browsertest"
	"anubhav/testkit/testapp"
)

// problems collects what the page reports as wrong: uncaught exceptions, console errors and
// the browser's own error entries (a module that fails to load, a policy violation).
type problems struct {
	mu  sync.Mutex
	got []string
}

func (p *problems) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.got = append(p.got, "exception: "+e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning || e.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.got = append(p.got, "console."+string(e.Type)+": "+strings.Join(args, " "))
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				p.got = append(p.got, "log ("+string(e.Entry.Source)+"): "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
}

func (p *problems) list() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.got)
}

// run is browser.run within 20 seconds, saying what the page reported when it fails.
func (p *problems) run(b browser, what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v; the console reported:\n%s", what, err, strings.Join(p.list(), "\n"))
	}
}

// The console is native ES modules under the page's policy: it loads, logs in, and draws each
// screen without one error, exception or refused script.
func TestTheConsoleLoadsAsModulesWithoutErrors(t *testing.T) {
	b, _, f := open(t, browsertest.Options{})
	var p problems
	p.listen(b.ctx)
	p.run(b, "log in", chromedp.Navigate(b.url+"/console/"), chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", testapp.SP), chromedp.SendKeys("#password", testapp.Password),
		chromedp.Click(`form button[type="submit"]`))

	var module bool
	var rows int
	p.run(b, "the inbox, from modules",
		chromedp.WaitVisible(".rows .row"),
		chromedp.Evaluate(`document.querySelector('script[type="module"][src="console.js"]') !== null &&
			performance.getEntriesByType('resource').some((r) => r.name.endsWith('/console/views/inbox.js'))`, &module),
		chromedp.Evaluate(`document.querySelectorAll('#app > .rows > .row').length`, &rows))
	if !module || rows != 5 {
		t.Errorf("loaded as modules: %v; the district officer's inbox shows %d rows, want 5", module, rows)
	}
	for _, step := range []struct{ hash, sel string }{
		{"#/item/" + f.Items["a-complaint"], ".thread"},
		{"#/new", "#n-complaint_about, #n-purpose"},
		{"#/settings", "#s-urgent_words"},
		{"#/digest", "tbody"},
		{"#/dashboard", ".dash-trend"},
		{"#/?status=open", ".rows .row"},
	} {
		p.run(b, "open "+step.hash, chromedp.Navigate(b.url+"/console/"+step.hash), chromedp.WaitVisible(step.sel))
	}
	p.run(b, "log out", chromedp.Click(`#nav button.link`), chromedp.WaitVisible("#email"))
	if got := p.list(); len(got) > 0 {
		t.Errorf("the console reported:\n%s", strings.Join(got, "\n"))
	}
}

// optionValues are the values of a select's options but "all" ("").
func optionValues(sel string, out *[]string) chromedp.Action {
	return chromedp.Evaluate(`[...document.querySelectorAll('`+sel+` option')].map((o) => o.value).filter(Boolean)`, out)
}

// The filters, counts and forms show the server's lists (GET /api/console/meta), not lists of
// the script's own: a status the server adds shows as a filter and a count, a flag it drops
// goes, and the settings and the new entry's channels follow it.
func TestTheServersListsDriveTheConsole(t *testing.T) {
	b, _, _ := open(t, browsertest.Options{})
	const added = "forwarded"
	// The browser is given the server's meta with one status more and one flag less.
	chromedp.ListenTarget(b.ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		go func() {
			ex := cdp.WithExecutor(b.ctx, chromedp.FromContext(b.ctx).Target)
			raw, err := fetch.GetResponseBody(e.RequestID).Do(ex)
			meta := map[string]any{}
			if err == nil && json.Unmarshal(raw, &meta) == nil && e.ResponseStatusCode == 200 {
				meta["statuses"] = append(meta["statuses"].([]any), added)
				meta["flags"] = slices.DeleteFunc(meta["flags"].([]any), func(f any) bool { return f == schema.FlagBurst })
				raw, _ = json.Marshal(meta)
			}
			fetch.FulfillRequest(e.RequestID, e.ResponseStatusCode).WithResponseHeaders(e.ResponseHeaders).
				WithBody(base64.StdEncoding.EncodeToString(raw)).Do(ex)
		}()
	})
	b.run("change the server's lists on their way",
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/api/console/meta*", RequestStage: fetch.RequestStageResponse}}))
	b.login(testapp.SP)

	var statuses, counted, flags, kinds, settings, channels []string
	b.run("read the filters and counts",
		chromedp.WaitVisible(".statuses .count"),
		optionValues("#f-status", &statuses), optionValues("#f-flag", &flags), optionValues("#f-kind", &kinds),
		chromedp.Evaluate(`[...document.querySelectorAll('.statuses .count')].map((a) => new URLSearchParams(a.hash.slice(3)).get('status'))`,
			&counted))
	if want := append([]string{"open"}, append(slices.Clone(schema.Statuses), added)...); !slices.Equal(statuses, want) {
		t.Errorf("the status filter offers %v, want %v", statuses, want)
	}
	if want := append(slices.Clone(schema.Statuses), added); !slices.Equal(counted, want) {
		t.Errorf("the inbox counts %v, want %v", counted, want)
	}
	if want := slices.DeleteFunc(slices.Clone(schema.Flags), func(f string) bool { return f == schema.FlagBurst }); !slices.Equal(flags, want) {
		t.Errorf("the flag filter offers %v, want %v", flags, want)
	}
	if !slices.Equal(kinds, schema.FeedbackKinds) {
		t.Errorf("the kind filter offers %v", kinds)
	}

	b.run("the settings and the new entry",
		chromedp.Navigate(b.url+"/console/#/settings"), chromedp.WaitVisible("#s-urgent_words"),
		chromedp.Evaluate(`[...document.querySelectorAll('form.settings [name]')].map((el) => el.name)`, &settings),
		chromedp.Navigate(b.url+"/console/#/new"), chromedp.WaitVisible("#n-channel"),
		optionValues("#n-channel", &channels))
	if !slices.Equal(settings, console.SettingsFields) {
		t.Errorf("the settings form has %v, want %v", settings, console.SettingsFields)
	}
	if !slices.Equal(channels, console.EntryChannels()) {
		t.Errorf("the new entry offers the channels %v, want %v", channels, console.EntryChannels())
	}
}
