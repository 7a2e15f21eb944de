package hooks_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"anubhav/schema"
	"anubhav/testkit/qrtest"
	"anubhav/testkit/testapp"
)

func TestPosterRoutes(t *testing.T) {
	f := testapp.Fixtures(t)
	get := func(name, url string, status int, contains, lacks []string) *tests.ApiScenario {
		s := scenario(f, anonymous, http.MethodGet, url, "", status)
		s.Name = name
		s.ExpectedContent, s.NotExpectedContent = contains, lacks
		return s
	}
	notFound := []string{`"status":404`}
	other := []string{"st-off", "poster-st-c", "Station st-c", "थाना st-c"}
	for _, s := range []*tests.ApiScenario{
		get("png", "/api/stations/st-a/qr.png", 200, []string{"\x89PNG"}, nil),
		get("png sized", "/api/stations/st-a/qr.png?size=1000", 200, []string{"\x89PNG"}, nil),
		get("png too small", "/api/stations/st-a/qr.png?size=50", 400, []string{`"size":{"code":"validation_invalid_size"`, "whole number of pixels from 128 to 2048"}, nil),
		get("png not a number", "/api/stations/st-a/qr.png?size=big", 400, []string{`"size":{"code":"validation_invalid_size"`}, nil),
		get("png inactive", "/api/stations/st-off/qr.png", 404, notFound, nil),
		get("png unknown", "/api/stations/nowhere/qr.png", 404, notFound, nil),
		get("svg", "/api/stations/st-b/qr.svg", 200, []string{`<svg xmlns="http://www.w3.org/2000/svg"`, `<path stroke="#000"`}, nil),
		get("svg inactive", "/api/stations/st-off/qr.svg", 404, notFound, nil),
		get("poster", "/api/stations/st-a/poster", 200, []string{
			"क्षेत्र d1 पुलिस", "Area d1 Police", // the station's own district
			"अनुभव", "Anubhav", "थाना st-a", "Station st-a",
			"localhost:8090/s/st-a", "localhost:8090/track", "QR कोड स्कैन करें", "Your name is not needed",
			"size:A4", `href="/fonts/noto-sans-devanagari.css"`, "<svg", `<a href="?paper=a5">A5</a>`,
		}, append(other, "Station st-b", "size:A5", "Main Road", f.Stations["st-a"])),
		get("poster a5", "/api/stations/st-a/poster?paper=a5", 200, []string{"size:A5", "Station st-a"}, nil),
		get("poster bad paper", "/api/stations/st-a/poster?paper=letter", 400, []string{`"paper":{"code":"validation_invalid_paper"`, `a4 or a5, not \"letter\"`}, nil),
		get("poster inactive", "/api/stations/st-off/poster", 404, notFound, []string{"Station st-off", "थाना st-off"}),
		get("poster unknown", "/api/stations/nowhere/poster", 404, notFound, nil),
		get("sub-division", "/api/areas/s1/posters", 200, []string{`id="poster-st-a"`, `id="poster-st-b"`}, append(other, "poster-st-d")),
		get("district", "/api/areas/d1/posters", 200, []string{`id="poster-st-a"`, `id="poster-st-b"`, `id="poster-st-d"`}, other),
		get("range", "/api/areas/rg/posters?paper=a5", 200, []string{`id="poster-st-a"`, `id="poster-st-b"`, `id="poster-st-c"`, `id="poster-st-d"`, "size:A5", "Area d1 Police", "Area d2 Police"}, []string{"st-off"}),
		get("unknown area", "/api/areas/nowhere/posters", 404, []string{`no area has the code \"nowhere\"`}, nil),
		// codes in capitals, as typed from a poster by hand
		get("png in capitals", "/api/stations/ST-A/qr.png", 200, []string{"\x89PNG"}, nil),
		get("svg in capitals", "/api/stations/St-B/qr.svg", 200, []string{`<svg xmlns="http://www.w3.org/2000/svg"`}, nil),
		get("poster in capitals", "/api/stations/ST-A/poster", 200, []string{"Station st-a", "localhost:8090/s/st-a"}, []string{"/s/ST-A"}),
		get("area in capitals", "/api/areas/S1/posters", 200, []string{`id="poster-st-a"`, `id="poster-st-b"`}, nil),
	} {
		s.Test(t)
	}
}

// fetch GETs a path from the running server.
func fetch(t *testing.T, url string) (int, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

// qrText is what the served PNG of a station decodes to ("" for a 404).
func qrText(t *testing.T, base, station string) string {
	t.Helper()
	status, b := fetch(t, base+"/api/stations/"+station+"/qr.png")
	switch status {
	case http.StatusOK:
		return qrtest.Text(t, b)
	case http.StatusNotFound:
		return ""
	}
	t.Fatalf("%s: status %d: %s", station, status, b)
	return ""
}

// setAppURL sets the App URL of an app that does not serve yet. PocketBase reloads its settings
// in place, and its request logger and the logger of any background job read them unlocked: a
// change while the app serves is a data race of PocketBase's (the dashboard's change is tested
// through the settings API in TestChangingTheCodeOrAppURLChangesWhatIsServed).
func setAppURL(t *testing.T, app core.App, appURL string) {
	t.Helper()
	s, err := app.Settings().Clone() // as the dashboard does: the saved model is a copy
	if err != nil {
		t.Fatal(err)
	}
	s.Meta.AppURL = appURL
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
}

func addStation(t *testing.T, app core.App, f *testapp.Fixture, code string) *core.Record {
	t.Helper()
	col, _ := app.FindCollectionByNameOrId(schema.Stations)
	r := core.NewRecord(col)
	r.Load(map[string]any{"code": code, "name": "Station " + code, "name_hi": "थाना " + code, "kind": "thana", "area": f.Areas["s2"], "active": true})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestServedQRCodeHoldsTheFormURL(t *testing.T) {
	for _, appURL := range []string{"http://localhost:8090", "https://durg.police.example.in/", "http://192.168.1.20:8090"} {
		app, f := testapp.New(t)
		setAppURL(t, app, appURL)
		srv := testapp.Serve(t, app)
		base := strings.TrimRight(appURL, "/")
		for _, code := range []string{"st-a", "st-d", "new-" + strings.NewReplacer(":", "", "/", "", ".", "").Replace(base)} {
			if code != "st-a" && code != "st-d" {
				addStation(t, app, f, code)
			}
			if got, want := qrText(t, srv.URL, code), base+"/s/"+code; got != want {
				t.Errorf("QR code of %s holds %q, want %q", code, got, want)
			}
		}
		if got := qrText(t, srv.URL, "st-off"); got != "" {
			t.Errorf("an inactive station's code is served: %q", got)
		}
	}
}

func TestChangingTheCodeOrAppURLChangesWhatIsServed(t *testing.T) {
	app, f := testapp.New(t)
	srv := testapp.Serve(t, app)
	link := func(code string) string {
		r, err := app.FindFirstRecordByData(schema.Stations, "code", code)
		if err != nil {
			t.Fatal(err)
		}
		return r.GetString("poster")
	}
	if got := qrText(t, srv.URL, "st-a"); got != "http://localhost:8090/s/st-a" {
		t.Fatalf("before: %q", got)
	}
	if got := link("st-a"); got != "http://localhost:8090/api/stations/st-a/poster" {
		t.Errorf("dashboard link before: %q", got)
	}

	// A station's code changes: the old code is gone, the new one is served.
	st, _ := app.FindFirstRecordByData(schema.Stations, "code", "st-a")
	st.Set("code", "st-a-new")
	if err := app.Save(st); err != nil {
		t.Fatal(err)
	}
	if got := qrText(t, srv.URL, "st-a"); got != "" {
		t.Errorf("old code still served: %q", got)
	}
	if got := qrText(t, srv.URL, "st-a-new"); got != "http://localhost:8090/s/st-a-new" {
		t.Errorf("renamed station's code holds %q", got)
	}
	if got := link("st-a-new"); got != "http://localhost:8090/api/stations/st-a-new/poster" {
		t.Errorf("dashboard link after the rename: %q", got)
	}

	// The App URL changes through the settings API, as in the dashboard.
	body := strings.NewReader(`{"meta":{"appURL":"https://anubhav.durg.example.in"}}`)
	req, _ := http.NewRequest(http.MethodPatch, srv.URL+"/api/settings", body)
	req.Header.Set("Authorization", f.Tokens[testapp.Superuser])
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("saving the settings: %d", res.StatusCode)
	}
	for _, code := range []string{"st-a-new", "st-b", "st-c"} {
		if got := qrText(t, srv.URL, code); got != "https://anubhav.durg.example.in/s/"+code {
			t.Errorf("after the App URL change, %s holds %q", code, got)
		}
		if got := link(code); got != "https://anubhav.durg.example.in/api/stations/"+code+"/poster" {
			t.Errorf("after the App URL change, %s's dashboard link is %q", code, got)
		}
	}
	if got := link("st-off"); got != "https://anubhav.durg.example.in/api/stations/st-off/poster" {
		t.Errorf("inactive station's link: %q", got)
	}
	_, poster := fetch(t, srv.URL+"/api/stations/st-b/poster")
	if !strings.Contains(string(poster), "anubhav.durg.example.in/s/st-b") || strings.Contains(string(poster), "localhost") {
		t.Errorf("poster after the App URL change does not show the new address")
	}

	// Deactivated: gone from the public routes.
	st, _ = app.FindFirstRecordByData(schema.Stations, "code", "st-b")
	st.Set("active", false)
	if err := app.Save(st); err != nil {
		t.Fatal(err)
	}
	if status, _ := fetch(t, srv.URL+"/api/stations/st-b/poster"); status != http.StatusNotFound {
		t.Errorf("deactivated station's poster: %d", status)
	}
}

func TestDashboardLinkIgnoresWhatIsTyped(t *testing.T) {
	app, _ := testapp.New(t)
	st, _ := app.FindFirstRecordByData(schema.Stations, "code", "st-c")
	st.Set("poster", "https://elsewhere.example.com/x")
	if err := app.Save(st); err != nil {
		t.Fatal(err)
	}
	if got := st.GetString("poster"); got != "http://localhost:8090/api/stations/st-c/poster" {
		t.Errorf("poster link = %q", got)
	}
}

// Browsers revalidate a QR image cheaply, and see a new one as soon as the App URL changes:
// its ETag is that of the App URL too.
func TestQRImagesRevalidateByETag(t *testing.T) {
	app, _ := testapp.New(t)
	srv := testapp.Serve(t, app)
	moved, _ := testapp.New(t)
	setAppURL(t, moved, "https://elsewhere.example.in")
	movedSrv := testapp.Serve(t, moved)
	get := func(srv *httptest.Server, path, etag string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("ETag")
	}
	for _, path := range []string{"/api/stations/st-a/qr.svg", "/api/stations/st-a/qr.png", "/api/stations/st-a/qr.png?size=300"} {
		status, etag := get(srv, path, "")
		if status != http.StatusOK || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
			t.Fatalf("%s: %d, ETag %s", path, status, etag)
		}
		if status, _ := get(srv, path, etag); status != http.StatusNotModified {
			t.Errorf("%s: revalidation answered %d, want 304", path, status)
		}
		if status, newTag := get(movedSrv, path, etag); status != http.StatusOK || newTag == etag {
			t.Errorf("%s under another App URL: %d, ETag %s (was %s)", path, status, newTag, etag)
		}
	}
	_, png512 := get(srv, "/api/stations/st-a/qr.png", "")
	_, png300 := get(srv, "/api/stations/st-a/qr.png?size=300", "")
	if png512 == png300 {
		t.Errorf("two sizes share the ETag %s", png512)
	}
}
