package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"anubhav/demo"
	"anubhav/receipt"
)

// DESIGN.md, "Privacy, by construction", as the built binary keeps it: the data folder, its
// database files and backups are readable by the service's user only.

func TestDataFolderIsTheServiceUsersAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes: the data folder's access list decides")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "pb_data")

	// The demo, a citizen's submission and a backup write everything a district's folder
	// holds.
	runBinary(t, bin, "demo", "--dir", dir)
	base, stop := serveDir(t, bin, dir)
	defer stop()
	submitForm(t, base, "drg-supela")
	token := login(t, base, demo.SuperuserEmail, demo.Password)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/backups", strings.NewReader(`{"name":"test_backup.zip"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("backup: %d", res.StatusCode)
	}
	stop()

	backup := filepath.Join(dir, "backups", "test_backup.zip")
	zr, err := zip.OpenReader(backup)
	if err != nil {
		t.Fatal(err)
	}
	var hasKey bool
	for _, f := range zr.File {
		hasKey = hasKey || f.Name == receipt.KeyFile
	}
	zr.Close()
	if !hasKey { // the README and serve's message say so
		t.Errorf("the backup does not hold %s", receipt.KeyFile)
	}
	checkPrivate(t, dir)

	// An older install, or a folder copied back by hand: tightened on the next start.
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chmod(path, map[bool]fs.FileMode{true: 0o755, false: 0o644}[d.IsDir()])
	})
	if err != nil {
		t.Fatal(err)
	}
	runBinary(t, bin, "superuser", "upsert", "root@example.com", "a-long-password", "--dir", dir)
	checkPrivate(t, dir)
}

// checkPrivate wants every file of dir 0600 and every folder 0700, dir itself included.
func checkPrivate(t *testing.T, dir string) {
	t.Helper()
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		} else {
			files++
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", path, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 4 {
		t.Fatalf("only %d files in %s: the test proves nothing", files, dir)
	}
}

// submitForm sends a citizen's form for a station as the page gives it (with its token).
func submitForm(t *testing.T, base, station string) {
	t.Helper()
	status, page := get(t, base+"/s/"+station)
	if status != http.StatusOK {
		t.Fatalf("form page: %d", status)
	}
	m := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no token in the form")
	}
	form := url.Values{"station": {station}, "kind": {"experience"}, "lang": {"en"}, "rating": {"4"}, "token": {m[1]},
		"answers.purpose": {"fir"}, "answers.staff_available": {"yes"}, "answers.staff_helped": {"yes"},
		"answers.behaviour": {"4"}, "answers.problem_solved": {"yes"}, "comment": {"Quick and polite."}}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/feedback", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "receipt") {
		t.Fatalf("submission: %d %s", res.StatusCode, body)
	}
}

func login(t *testing.T, base, email, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"identity": email, "password": password})
	res, err := http.Post(base+"/api/collections/_superusers/auth-with-password", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var auth struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&auth); err != nil || auth.Token == "" {
		t.Fatalf("login %s: %d %v", email, res.StatusCode, err)
	}
	return auth.Token
}
