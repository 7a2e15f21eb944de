package citizen_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"anubhav/testkit/testapp"
)

func page(name, url string, status int, want, notWant []string) tests.ApiScenario {
	return tests.ApiScenario{
		Name: name, Method: http.MethodGet, URL: url, ExpectedStatus: status,
		ExpectedContent: want, NotExpectedContent: notWant,
		TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.NewUnclean(t) },
	}
}

func TestFormPage(t *testing.T) {
	scenarios := []tests.ApiScenario{
		page("Hindi by default, both station names", "/s/st-a", http.StatusOK,
			[]string{`<html lang="hi">`, "थाना st-a", "Station st-a", "कुल मिलाकर आपका अनुभव कैसा रहा?", `name="rating"`,
				`name="answers.purpose"`, `name="token" value="`, `name="website"`, `action="/api/feedback?station=st-a&amp;kind=experience&amp;lang=hi"`,
				`href="/s/st-a/complaint"`, `href="/s/st-a/tip"`, "भेजें", "/assets/form.js",
				"थाना कभी नहीं",
				// a shared phone's autofill does not offer the last person's name and mobile
				`name="name" value="" maxlength="120" autocomplete="off"`, `name="mobile" value="" maxlength="16" inputmode="numeric" autocomplete="off"`},
			[]string{"tip_place", "complaint_about", "<script>"}),
		page("English one tap away", "/s/st-a?lang=en", http.StatusOK,
			[]string{`<html lang="en">`, "Overall, how was your experience?", "Send", `href="/s/st-a?lang=hi"`, "never the police station"},
			[]string{"कुल मिलाकर"}),
		page("complaint asks its own questions", "/s/st-a/complaint", http.StatusOK,
			[]string{`name="answers.complaint_about"`, `name="comment"`, `aria-current="page">पुलिस के व्यवहार की शिकायत`},
			[]string{`name="rating"`, "answers.tip_about"}),
		page("tip about liquor, gambling, drugs", "/s/st-a/tip", http.StatusOK,
			[]string{`name="answers.tip_about"`, "अवैध शराब", "जुआ / सट्टा", "नशीले पदार्थ", `name="answers.tip_place"`},
			[]string{`name="rating"`, `name="visit_date"`}),
		page("inactive station: friendly bilingual page", "/s/st-off", http.StatusNotFound,
			[]string{"थाना नहीं मिला", "Police station not found", `href="/?lang=hi"`}, []string{`name="token"`}),
		page("unknown station", "/s/nowhere", http.StatusNotFound, []string{"थाना नहीं मिला", "Police station not found"}, nil),
		page("unknown kind", "/s/st-a/praise", http.StatusNotFound, []string{"Police station not found"}, nil),
		page("tracking page", "/track", http.StatusOK, []string{`action="/track"`, `name="receipt"`, "रसीद नंबर"}, nil),
	}
	capitals := page("a code typed in capitals", "/s/ST-A/tip", http.StatusMovedPermanently, []string{""}, nil)
	capitals.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if loc := res.Header.Get("Location"); loc != "/s/st-a/tip" {
			t.Errorf("redirected to %q", loc)
		}
	}
	for _, s := range append(scenarios, capitals) {
		s.Test(t)
	}
}
