package export_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// The routes: who may call them, the headers of a download, and a message per bad parameter
// in the officer's language.
func TestExportRoutes(t *testing.T) {
	f := testapp.Fixtures(t)
	hindi := func(email string) func(testing.TB, *tests.TestApp, *core.ServeEvent) {
		return func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			o, err := app.FindAuthRecordByEmail(schema.Officers, email)
			if err != nil {
				t.Fatal(err)
			}
			o.Set("lang", "hi")
			if err := app.Save(o); err != nil {
				t.Fatal(err)
			}
		}
	}
	headers := func(want map[string]string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, res *http.Response) {
			set, err := appconfig.All(app)
			if err != nil {
				t.Fatal(err)
			}
			today := time.Now().In(set.Defaults.Location).Format(time.DateOnly) // the district's date
			for k, v := range want {
				v = strings.ReplaceAll(v, "{today}", today)
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{Name: "anonymous", URL: "/api/console/export.csv", ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}},
		{Name: "superuser", URL: "/api/console/export.csv", Headers: map[string]string{"Authorization": f.Tokens[testapp.Superuser]},
			ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
		{Name: "station's csv", URL: "/api/console/export.csv", Headers: map[string]string{"Authorization": f.Tokens[testapp.StationA]},
			ExpectedStatus: 200, ExpectedContent: []string{"\ufeffReference,Date,Station code,", "Fixture comment a-exp"},
			NotExpectedContent: []string{"a-complaint", "a-tip", "9876543210", "Kind"},
			AfterTestFunc: headers(map[string]string{"Content-Type": "text/csv; charset=utf-8", "X-Total-Count": "1",
				"Content-Disposition": `attachment; filename="anubhav-st-a-all-{today}.csv"`})},
		{Name: "district's workbook of a sub-division and period", URL: "/api/console/export.xlsx?area=s1&from=2020-01-01&to=2030-12-31",
			Headers:        map[string]string{"Authorization": f.Tokens[testapp.SP]},
			ExpectedStatus: 200, ExpectedContent: []string{"PK"}, // a zip
			AfterTestFunc: headers(map[string]string{"X-Total-Count": "4",
				"Content-Type":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"Content-Disposition": `attachment; filename="anubhav-s1-2020-01-01-2030-12-31.xlsx"`})},
		{Name: "district's csv with contacts", URL: "/api/console/export.csv?contacts=1&station=" + f.Stations["st-a"],
			Headers:        map[string]string{"Authorization": f.Tokens[testapp.SP]},
			ExpectedStatus: 200, ExpectedContent: []string{"Citizen's mobile", "Citizen a-exp,9876543210", "Citizen a-complaint,9876543210"},
			AfterTestFunc: headers(map[string]string{"X-Total-Count": "3",
				"Content-Disposition": `attachment; filename="anubhav-st-a-all-{today}.csv"`})},
		{Name: "bad parameters, each said in Hindi", URL: "/api/console/export.csv?status=lost&rating=9&from=1-2-2026&contacts=yes",
			Headers: map[string]string{"Authorization": f.Tokens[testapp.SDO]}, BeforeTestFunc: hindi(testapp.SDO),
			ExpectedStatus: 400, ExpectedContent: []string{`"message":"कृपया चिह्नित जगहें देखें।"`,
				`"status":{"code":"invalid_status","message":"“lost” कोई मान्य विकल्प नहीं है।"}`,
				`"rating":{"code":"invalid_rating","message":"रेटिंग 1 से 5 तक होती है।"}`,
				`"from":{"code":"invalid_date","message":"तारीख ऐसे लिखें: YYYY-MM-DD"}`,
				`"contacts":{"code":"invalid_contacts"`}},
		{Name: "a switch other than 1 or 0, and a period that ends before it begins", URL: "/api/console/export.csv?mine=true&overdue=yes&from=2026-05-02&to=2026-05-01",
			Headers:        map[string]string{"Authorization": f.Tokens[testapp.SP]},
			ExpectedStatus: 400, ExpectedContent: []string{`"mine":{"code":"invalid_mine","message":"Unknown value “true”."}`,
				`"overdue":{"code":"invalid_overdue"`, `"from":{"code":"from_after_to","message":"The first day comes after the last day."}`}},
		{Name: "the range may not take contacts out", URL: "/api/console/export.xlsx?contacts=1",
			Headers: map[string]string{"Authorization": f.Tokens[testapp.IG]}, BeforeTestFunc: hindi(testapp.IG),
			ExpectedStatus: 400, ExpectedContent: []string{`"contacts":{"code":"no_contacts","message":"आपके पद को संपर्क नहीं दिखते`}},
		{Name: "nor a station", URL: "/api/console/export.csv?contacts=1",
			Headers:        map[string]string{"Authorization": f.Tokens[testapp.StationA]},
			ExpectedStatus: 400, ExpectedContent: []string{`"contacts":{"code":"no_contacts","message":"Your role does not see contacts`}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) }
		s.Test(t)
	}
}
