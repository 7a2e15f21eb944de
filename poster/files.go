package poster

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/progress"
	"anubhav/qr"
)

// FilePNGSize is the width of the PNG files written for print shops: about 250 dpi at the
// poster's 12 cm.
const FilePNGSize = 1200

const fontsKey = "anubhav.poster.fonts"

// SetFonts hands over the vendored print fonts (pb_public/fonts), which WriteArea copies
// next to the posters it writes so that they print right without the server (and which the
// monthly report inlines).
func SetFonts(app core.App, fonts fs.FS) { app.Store().Set(fontsKey, fonts) }

// Fonts are the vendored print fonts that SetFonts handed over.
func Fonts(app core.App) (fs.FS, error) {
	fonts, ok := app.Store().Get(fontsKey).(fs.FS)
	if !ok {
		return nil, errors.New("the print fonts are not available (hooks not bound)")
	}
	return fonts, nil
}

// WriteArea writes, for every active station of an area, {code}.png, {code}.svg and
// {code}.html (its poster), and all of them in posters.html, into dir, with the fonts in
// dir/fonts. It reports each station done and returns how many posters it wrote.
func WriteArea(app core.App, areaCode, paper, dir string, report progress.Func) (int, error) {
	fonts, err := Fonts(app)
	if err != nil {
		return 0, err
	}
	doc, err := ForArea(app, areaCode, paper)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if err := copyFonts(fonts, filepath.Join(dir, "fonts")); err != nil {
		return 0, fmt.Errorf("copying the fonts: %w", err)
	}
	doc.FontBase, doc.Toolbar = "fonts/", false
	cache := qr.CacheOf(app)
	for i, p := range doc.Posters {
		code, err := cache.Get(app.Settings().Meta.AppURL, p.Code)
		if err != nil {
			return i, fmt.Errorf("station %s: %w", p.Code, err)
		}
		png, err := code.PNG(FilePNGSize)
		if err != nil {
			return i, fmt.Errorf("station %s: %w", p.Code, err)
		}
		one := *doc
		one.Name, one.NameHi, one.Posters = p.Name, p.NameHi, doc.Posters[i:i+1]
		var html bytes.Buffer
		if err := one.Render(&html); err != nil {
			return i, fmt.Errorf("station %s: %w", p.Code, err)
		}
		for name, content := range map[string][]byte{".png": png, ".svg": code.SVG(), ".html": html.Bytes()} {
			if err := os.WriteFile(filepath.Join(dir, p.Code+name), content, 0o644); err != nil {
				return i, fmt.Errorf("station %s: %w", p.Code, err)
			}
		}
		report(i+1, len(doc.Posters))
	}
	var all bytes.Buffer
	if err := doc.Render(&all); err != nil {
		return len(doc.Posters), err
	}
	return len(doc.Posters), os.WriteFile(filepath.Join(dir, "posters.html"), all.Bytes(), 0o644)
}

// copyFonts copies the fonts folder, replacing older copies (os.CopyFS would stop at them).
func copyFonts(fonts fs.FS, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := fs.ReadDir(fonts, ".")
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fonts, e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
