package testapp

import (
	"os"
	"testing"
)

// inMain says that the test binary runs under Main, which removes the template data dir.
var inMain bool

// Main runs a package's tests, then removes the template data dir that New builds once per
// test binary (it would otherwise stay in the temp dir). Every package whose tests use New,
// NewUnclean or Fixtures calls it from its TestMain:
//
//	func TestMain(m *testing.M) { testapp.Main(m) }
func Main(m *testing.M) {
	inMain = true
	m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
}

// needMain fails a test whose package does not call Main, before any template is left behind.
func needMain(t testing.TB) {
	t.Helper()
	if !inMain {
		t.Fatal("testapp: call testapp.Main(m) from the package's TestMain, so that the template data dir is removed")
	}
}
