package site_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/testkit/testapp"
)

func TestSiteRoutes(t *testing.T) {
	t.Parallel()
	factory := func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) }
	scenarios := []tests.ApiScenario{
		{Name: "landing page, Hindi first", Method: http.MethodGet, URL: "/",
			ExpectedStatus: 200, ExpectedContent: []string{`<html lang="hi">`, "जिला पुलिस", `href="/track"`, `href="/console/"`, `value="st-a"`},
			NotExpectedContent: []string{`value="st-off"`}}, // inactive stations are not offered
		{Name: "landing page in English", Method: http.MethodGet, URL: "/?lang=en",
			ExpectedStatus: 200, ExpectedContent: []string{`<html lang="en">`, "District Police", "Police officer login"}},
		{Name: "the language choice is remembered", Method: http.MethodGet, URL: "/",
			Headers:        map[string]string{"Cookie": "lang=en"},
			ExpectedStatus: 200, ExpectedContent: []string{`<html lang="en">`}},
		{Name: "station chooser opens the station's form", Method: http.MethodGet, URL: "/go?station=st-a",
			ExpectedStatus: http.StatusSeeOther, ExpectedContent: nil},
		{Name: "static files are served", Method: http.MethodGet, URL: "/assets/site.css",
			ExpectedStatus: 200, ExpectedContent: []string{"font"}},
		{Name: "unknown API path is a JSON 404, not a page", Method: http.MethodGet, URL: "/api/no-such-thing",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}, NotExpectedContent: []string{"<html"}},
		{Name: "unknown API path with POST is a JSON 404", Method: http.MethodPost, URL: "/api/no-such-thing",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}, NotExpectedContent: []string{"<html"}},
		{Name: "unknown page is the bilingual not-found page", Method: http.MethodGet, URL: "/no-such-page",
			ExpectedStatus: 404, ExpectedContent: []string{"पेज नहीं मिला", `href="/"`}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = factory
		s.Test(t)
	}
}
