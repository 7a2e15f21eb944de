package words_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"anubhav/words"
)

// No key is left over: each is written as a literal somewhere in the code, templates or the
// console's script, or its family is (a key made from a prefix and a value, "status."+s).
func TestNoKeyIsUnused(t *testing.T) {
	var code strings.Builder
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || path == filepath.Join("..", "words", "catalog")) {
			return filepath.SkipDir
		}
		ext := filepath.Ext(path)
		if d.IsDir() || strings.HasSuffix(path, "_test.go") || (ext != ".go" && ext != ".html" && ext != ".txt" && ext != ".js") {
			return nil
		}
		raw, err := os.ReadFile(path)
		code.Write(raw)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	src := code.String()
	used := func(s string) bool { return strings.Contains(src, `"`+s+`"`) || strings.Contains(src, `'`+s+`'`) }
	for _, key := range words.Keys() {
		family := key[:strings.LastIndex(key, ".")+1]
		if !used(key) && !used(family) {
			t.Errorf("%s is used nowhere", key)
		}
	}
}
