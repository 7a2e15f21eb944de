package digest_test

import (
	"strings"
	"testing"

	"anubhav/digest"
	"anubhav/testkit/mailtest"
	"anubhav/testkit/testapp"
)

// The digest sent on the first of a month (of the month's last day) links the SP's and the
// IG's the month before's printable report, on the console's Reports screen with their own
// area; the SDO's and the station's do not, nor does anyone's on the second.
func TestTheFirstsDigestLinksLastMonthsReport(t *testing.T) {
	app, _ := testapp.New(t)
	smtp := mailtest.Start(t)
	smtp.Use(app)
	console := app.Settings().Meta.AppURL + "/console/#/reports?"
	sendDue(t, app, at("2025-07-01", 8, 0))
	for who, link := range map[string]string{testapp.SP: console + "area=d1&month=2025-06", testapp.IG: console + "area=rg&month=2025-06"} {
		m := smtp.To(who)
		if len(m) != 1 || !strings.Contains(m[0].Text, "== The monthly report of Jun 2025 is ready to print ==\r\n"+link) ||
			!strings.Contains(m[0].HTML, `<a href="`+strings.ReplaceAll(link, "&", "&amp;")+`" style="color:#1d4ed8">The monthly report of Jun 2025 is ready to print</a>`) {
			t.Fatalf("%s's digest of the first lacks the report:\n%s", who, m[0].Text)
		}
	}
	for _, who := range []string{testapp.SDO, testapp.StationA} {
		if m := smtp.To(who); len(m) != 1 || strings.Contains(m[0].Text, "#/reports") || strings.Contains(m[0].HTML, "#/reports") {
			t.Fatalf("%s's digest links a monthly report", who)
		}
	}
	sendDue(t, app, at("2025-07-02", 8, 0))
	if m := smtp.To(testapp.SP); len(m) != 2 || strings.Contains(m[1].Text, "#/reports") || strings.Contains(m[1].HTML, "#/reports") {
		t.Fatalf("the SP's digest of the second links the report:\n%s", m[len(m)-1].Text)
	}
	day, _ := digest.DayOf("2025-07-01", ist)
	if d, err := digest.Build(app, officer(t, app, testapp.SP), day, at("2025-07-02", 8, 0)); err != nil || d.Monthly != nil {
		t.Fatalf("the digest of the first (sent on the second) has %+v (%v)", d.Monthly, err)
	}
}
