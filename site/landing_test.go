package site_test

import (
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// TestLandingStationNames: the landing page offers each station by its name in the page's
// language, in that language's order (the names below sort differently in Hindi and English).
func TestLandingStationNames(t *testing.T) {
	t.Parallel()
	app, f := testapp.New(t)
	for code, names := range map[string][2]string{
		"st-a": {"Zeta", "अमर"}, "st-b": {"Alpha", "बरगद"}, "st-d": {"Mango", "कमल"},
	} {
		st, err := app.FindRecordById(schema.Stations, f.Stations[code])
		if err != nil {
			t.Fatal(err)
		}
		st.Set("name", names[0])
		st.Set("name_hi", names[1])
		if err := app.Save(st); err != nil {
			t.Fatal(err)
		}
	}
	srv := testapp.Serve(t, app)
	option := regexp.MustCompile(`<option value="([^"]+)">([^<]*)</option>`)
	for _, c := range []struct {
		url  string
		want []string
	}{
		{"/", []string{"st-a अमर", "st-d कमल", "st-c थाना st-c", "st-b बरगद"}},
		{"/?lang=en", []string{"st-b Alpha", "st-d Mango", "st-c Station st-c", "st-a Zeta"}},
	} {
		res, err := srv.Client().Get(srv.URL + c.url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var got []string
		for _, m := range option.FindAllStringSubmatch(string(body), -1) {
			got = append(got, m[1]+" "+m[2])
		}
		if res.StatusCode != http.StatusOK || !slices.Equal(got, c.want) {
			t.Errorf("%s: %d, options %q, want %q", c.url, res.StatusCode, got, c.want)
		}
	}
}

// TestLanguageRememberedOnce: a page asked with ?lang= sets the language's cookie once, though
// several parts of the page ask for its language.
func TestLanguageRememberedOnce(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	for _, path := range []string{"/?lang=en", "/s/st-a?lang=en", "/s/st-a/thanks?lang=en", "/track?lang=en"} {
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var set []string
		for _, c := range res.Header.Values("Set-Cookie") {
			if strings.HasPrefix(c, "lang=") {
				set = append(set, c)
			}
		}
		if res.StatusCode != http.StatusOK || len(set) != 1 || !strings.HasPrefix(set[0], "lang=en;") {
			t.Errorf("%s: %d, language cookies %q, want one", path, res.StatusCode, set)
		}
	}
}
