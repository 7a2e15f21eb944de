package testapp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Dump runs each query and returns every row it gives as text, so that a test can show that
// an operation changed nothing (compare a dump before and after).
func Dump(t testing.TB, app core.App, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		var rows []dbx.NullStringMap
		if err := app.DB().NewQuery(q).All(&rows); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, r := range rows {
			fmt.Fprintln(&b, r)
		}
	}
	return b.String()
}
