package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	for path, content := range map[string]string{
		good: "code,name,name_hi,kind,area,address\nst-new,New Station,नया थाना,thana,s1,Main Road\n",
		bad:  "code,name,name_hi,kind,area,address\nst-x,X,,thana,s1,\n",
	} {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	cases := []struct {
		name, file string
		wantErr    string
		wantOut    string
	}{
		{"good file", good, "", "stations: 1 created, 0 updated, 0 unchanged"},
		{"bad file", bad, "line 2, field name_hi: missing", ""},
		{"no such file", filepath.Join(dir, "missing.csv"), "missing.csv", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, _ := testapp.New(t)
			cmd := importCommand(app)
			var out bytes.Buffer
			cmd.SetOut(&out)
			cmd.SetArgs([]string{"stations", tc.file})
			err := cmd.Execute()
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want one naming %q", err, tc.wantErr)
			}
			if !strings.Contains(out.String(), tc.wantOut) {
				t.Errorf("output %q, want %q", out.String(), tc.wantOut)
			}
			_, findErr := app.FindFirstRecordByData(schema.Stations, "code", "st-new")
			if (findErr == nil) != (tc.name == "good file") {
				t.Errorf("st-new stored: %v", findErr == nil)
			}
		})
	}
}
