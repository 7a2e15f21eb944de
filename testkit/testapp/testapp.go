// Package testapp gives tests a PocketBase test app with Anubhav's migrations and hooks and a
// small fixture district: two districts of one range, stations, one officer per role and a
// few feedback items of each kind.
package testapp

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/hooks"
	_ "anubhav/migrations"
)

// Password is every fixture officer's password.
const Password = "password123"

var (
	once        sync.Once
	templateDir string
	fixture     *Fixture
	templateErr error
)

// Public is the repository's pb_public folder, which the binary embeds.
func Public() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "pb_public")
}

// New returns a fresh test app (a clone of a migrated, seeded data dir) with every hook bound,
// and the fixture's ids. The app is cleaned up when the test ends.
func New(t testing.TB) (*tests.TestApp, *Fixture) {
	t.Helper()
	app := NewUnclean(t)
	t.Cleanup(app.Cleanup)
	return app, fixture
}

// NewUnclean is New without the automatic cleanup, for tests.ApiScenario's TestAppFactory,
// which cleans up itself.
func NewUnclean(t testing.TB) *tests.TestApp {
	t.Helper()
	needMain(t)
	once.Do(buildTemplate)
	if templateErr != nil {
		t.Fatalf("building the test data dir: %v", templateErr)
	}
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: templateDir, EncryptionEnv: "pb_test_env"})
	if err != nil {
		t.Fatal(err)
	}
	hooks.Bind(app, os.DirFS(Public()))
	return app
}

// Restart stops an app and starts its data dir again, as a restarted appliance would: the
// same database and keys, nothing of what the old process held in memory. The old app is
// left to its own cleanup; the new one is cleaned up when the test ends.
func Restart(t testing.TB, app *tests.TestApp) *tests.TestApp {
	t.Helper()
	if err := app.ClearBootstrap(); err != nil {
		t.Fatal(err)
	}
	again, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: app.DataDir(), EncryptionEnv: "pb_test_env"})
	if err != nil {
		t.Fatal(err)
	}
	hooks.Bind(again, os.DirFS(Public()))
	t.Cleanup(again.Cleanup)
	return again
}

// Fixtures returns the fixture's ids without making an app.
func Fixtures(t testing.TB) *Fixture {
	t.Helper()
	needMain(t)
	once.Do(buildTemplate)
	if templateErr != nil {
		t.Fatalf("building the test data dir: %v", templateErr)
	}
	return fixture
}

// buildTemplate migrates and seeds one data dir per test binary; each test clones it.
func buildTemplate() {
	templateDir, templateErr = os.MkdirTemp("", "anubhav_template_")
	if templateErr != nil {
		return
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: templateDir, EncryptionEnv: "pb_test_env"})
	if templateErr = app.Bootstrap(); templateErr != nil {
		return
	}
	defer app.ClearBootstrap()
	if templateErr = Migrate(app); templateErr != nil {
		return
	}
	hooks.Bind(app, os.DirFS(Public()))
	fixture, templateErr = seed(app)
}
