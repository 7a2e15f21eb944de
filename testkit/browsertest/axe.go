package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 from npm (`npm pack axe-core`), unchanged, under the Mozilla
// Public License 2.0 (axe/LICENSE; the libraries it bundles in axe/LICENSE-3RD-PARTY.txt). It
// is embedded here, in the tests' kit, and never served by the appliance.
//
//go:embed axe/axe.min.js
var axeSource string

// Violation is one of axe-core's failed rules, with where it failed.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var where []string
	for _, n := range v.Nodes {
		where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
	}
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
}

// WCAG21AA checks the open page against WCAG 2.1 A and AA with axe-core, injected through
// DevTools (no page script needed, whatever the page's Content-Security-Policy), and returns
// the violations whose impact is serious or critical.
func WCAG21AA(out *[]Violation) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var loaded bool
		if err := chromedp.Evaluate(axeSource+";\ntypeof axe === 'object'", &loaded).Do(ctx); err != nil || !loaded {
			return fmt.Errorf("axe-core not loaded: %v", err)
		}
		var all []Violation
		run := `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}).then(r => r.violations)`
		if err := Await(run, &all).Do(ctx); err != nil {
			return err
		}
		*out = (*out)[:0]
		for _, v := range all {
			if v.Impact == "serious" || v.Impact == "critical" {
				*out = append(*out, v)
			}
		}
		return nil
	})
}
