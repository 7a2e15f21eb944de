package migrations_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A migration is frozen: it reads no package of this module (a list that grows later would
// change a fresh install but not an upgraded one) and shares nothing with another migration
// (a later edit of one would rewrite the past of the other). So each file holds only its
// init, with its own literals.
func TestMigrationsAreFrozen(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(path, "anubhav/") {
				t.Errorf("%s imports %s: write the values it needs as literals", file, path)
			}
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.Name != "init" || d.Recv != nil {
					t.Errorf("%s declares func %s: keep helpers inside its init", file, d.Name.Name)
				}
			case *ast.GenDecl:
				if d.Tok != token.IMPORT {
					t.Errorf("%s declares a package-level %s: keep it inside its init", file, d.Tok)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no migration found")
	}
}
