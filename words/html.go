package words

import (
	"fmt"
	"html"
	"html/template"
)

// HTML says a key's word as HTML with each argument in bold, everything escaped: a poster's
// sentence with the address to type in it.
func HTML(lang, key string, args ...any) template.HTML {
	bold := func(v ...any) string { return "<b>" + html.EscapeString(fmt.Sprint(v...)) + "</b>" }
	return template.HTML(fill(html.EscapeString(current.Load().word(lang, key, args)), args, bold))
}
