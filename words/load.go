package words

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
)

// code is a language's code, the name of its file: ISO 639 (hi, en, bn, or hne for
// Chhattisgarhi, which has no two-letter code).
var code = regexp.MustCompile(`^[a-z]{2,3}$`)

// LoadDir makes the catalogs the shipped ones and those of a folder: one LANG.json per
// language, like catalog/hi.json, with any of its keys. A file for a new language adds it; a
// file for Hindi or English replaces the words it gives. A missing folder adds nothing. A file
// that is not a catalog (a bad name, bad JSON, an unknown key) is an error naming it, and
// nothing changes.
func LoadDir(dir string) error {
	var extra fs.FS
	if dir != "" {
		if _, err := os.Stat(dir); err == nil {
			extra = os.DirFS(dir)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	r, err := build(extra)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	current.Store(r)
	return nil
}

// build reads the shipped catalogs and then those of extra (if any).
func build(extra fs.FS) (*registry, error) {
	r := &registry{catalogs: map[string]map[string]string{}}
	sub, _ := fs.Sub(shipped, "catalog")
	if err := r.read(sub, nil); err != nil {
		return nil, err
	}
	if extra != nil {
		if err := r.read(extra, r.catalogs[Hindi]); err != nil {
			return nil, err
		}
	}
	for l := range r.catalogs {
		r.langs = append(r.langs, l)
	}
	rank := func(l string) string {
		switch l {
		case Hindi:
			return "0"
		case English:
			return "1"
		}
		return "2" + l
	}
	slices.SortFunc(r.langs, func(a, b string) int { return strings.Compare(rank(a), rank(b)) })
	return r, nil
}

// read adds the *.json catalogs of a folder; with known set, a key that Hindi lacks is refused.
func (r *registry) read(dir fs.FS, known map[string]string) error {
	files, err := fs.Glob(dir, "*.json")
	if err != nil {
		return err
	}
	for _, file := range files {
		lang := strings.TrimSuffix(file, ".json")
		if !code.MatchString(lang) {
			return fmt.Errorf("%s: name a catalog by its language's code, e.g. bn.json or hne.json", file)
		}
		raw, err := fs.ReadFile(dir, file)
		if err != nil {
			return err
		}
		var words map[string]string
		if err := json.Unmarshal(raw, &words); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		var unknown []string
		for key := range words {
			if _, ok := known[key]; known != nil && !ok && !isOneOf(key, known) {
				unknown = append(unknown, key)
			}
		}
		if len(unknown) > 0 {
			slices.Sort(unknown)
			return fmt.Errorf("%s: unknown keys %s (see catalog/hi.json)", file, strings.Join(unknown, ", "))
		}
		into := r.catalogs[lang]
		if into == nil {
			into = map[string]string{}
			r.catalogs[lang] = into
		}
		for k, w := range words {
			into[k] = w
		}
	}
	return nil
}

// isOneOf tells whether a key is the ".one" form of a known key.
func isOneOf(key string, known map[string]string) bool {
	base, ok := strings.CutSuffix(key, ".one")
	_, has := known[base]
	return ok && has
}
