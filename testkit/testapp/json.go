package testapp

import (
	"encoding/json"
	"testing"
)

// AsJSON is v as the server would answer it, read back as plain JSON values, to compare
// with a decoded answer.
func AsJSON(t testing.TB, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
