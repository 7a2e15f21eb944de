package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// An officer changes only its own language, phone, digest choice and password: everything
// else of its record is the system administrator's, and each field it tries is refused by
// name, in its language, with nothing stored.
func TestAnOfficerChangesOnlyItsOwnSafeFields(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	changes := []struct {
		body    string
		refused string // the field named in the error; "" for accepted
	}{
		{`{"name":"SP Durg"}`, "name"},
		{`{"rank":"SP"}`, "rank"},
		{`{"email":"other@test.local"}`, "email"},
		{`{"emailVisibility":true}`, "emailVisibility"},
		{`{"role":"range"}`, "role"},
		{`{"station":"` + f.Stations["st-c"] + `"}`, "station"},
		{`{"area":"` + f.Areas["rg"] + `"}`, "area"},
		{`{"area+":"` + f.Areas["rg"] + `"}`, "area"}, // a modifier is a change too
		{`{"verified":false}`, "verified"},
		{`{"lang":"hi","name":"SP Durg"}`, "name"}, // one bad field refuses the whole change
		{`{"lang":"hi"}`, ""},                      // the console's language switch
		{`{"phone":"9000000000"}`, ""},
		{`{"digest":false}`, ""},
		{`{"lang":"hi","phone":"9000000001","digest":false}`, ""},
		{`{"password":"a-new-password","passwordConfirm":"a-new-password","oldPassword":"` + testapp.Password + `"}`, ""},
		{`{"name":"Officer ` + testapp.StationA + `"}`, ""}, // sending an unchanged value changes nothing
	}
	for _, who := range []string{testapp.StationA, testapp.SP} {
		for _, c := range changes {
			t.Run(who+" "+c.body, func(t *testing.T) {
				if strings.Contains(c.body, `"name":"Officer `) && who != testapp.StationA {
					t.Skip("the unchanged name is station A's")
				}
				w := newWorld(t)
				self := "/api/collections/officers/records/" + f.Officers[who]
				before, _ := w.app.FindRecordById(schema.Officers, f.Officers[who])
				status, body := w.do(who, http.MethodPatch, self, c.body)
				after, _ := w.app.FindRecordById(schema.Officers, f.Officers[who])
				if c.refused == "" {
					if status != http.StatusOK {
						t.Fatalf("refused: %d %s", status, body)
					}
					return
				}
				var answer struct {
					Data map[string]struct{ Code, Message string }
				}
				_ = json.Unmarshal(body, &answer)
				if status != http.StatusBadRequest || answer.Data[c.refused].Code != "not_self_editable" || answer.Data[c.refused].Message == "" {
					t.Errorf("%d %s, want 400 naming %s", status, body, c.refused)
				}
				if before.GetString("lang") != after.GetString("lang") || before.GetString("name") != after.GetString("name") ||
					before.GetString("area") != after.GetString("area") || before.Email() != after.Email() || before.EmailVisibility() != after.EmailVisibility() {
					t.Errorf("stored anyway: %v", after.PublicExport())
				}
			})
		}
	}
}

func TestSelfEditErrorsAreInTheOfficersLanguage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	me, _ := w.app.FindRecordById(schema.Officers, w.f.Officers[testapp.StationA])
	me.Set("lang", schema.LangHindi)
	if err := w.app.Save(me); err != nil {
		t.Fatal(err)
	}
	status, body := w.do(testapp.StationA, http.MethodPatch, "/api/collections/officers/records/"+me.Id, `{"name":"x"}`)
	if status != http.StatusBadRequest || !strings.Contains(string(body), "व्यवस्थापक") {
		t.Errorf("%d %s", status, body)
	}
}

// Another officer's record is not one's own, whatever the role; a superuser changes anything.
func TestOfficersChangeNoOtherOfficer(t *testing.T) {
	t.Parallel()
	f := testapp.Fixtures(t)
	w := newWorld(t)
	other := "/api/collections/officers/records/" + f.Officers[testapp.StationA]
	for _, who := range []string{anonymous, testapp.StationB, testapp.SDO, testapp.SP, testapp.IG} {
		if status, body := w.do(who, http.MethodPatch, other, `{"lang":"hi"}`); status != http.StatusNotFound {
			t.Errorf("%q: %d %s", who, status, body)
		}
	}
	if status, body := w.do(testapp.Superuser, http.MethodPatch, other, `{"name":"Inspector A","rank":"TI"}`); status != http.StatusOK {
		t.Errorf("superuser: %d %s", status, body)
	}
}

// Nor does an officer change its email by PocketBase's email-change mails: the request is
// refused, and a token got before this rule is not honoured.
func TestAnOfficerDoesNotChangeItsEmailByMail(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	status, body := w.do(testapp.StationA, http.MethodPost, "/api/collections/officers/request-email-change", `{"newEmail":"mine@test.local"}`)
	if status != http.StatusBadRequest || !strings.Contains(string(body), `"newEmail":{"code":"not_self_editable"`) {
		t.Errorf("request: %d %s", status, body)
	}
	me, _ := w.app.FindRecordById(schema.Officers, w.f.Officers[testapp.StationA])
	token, err := me.NewEmailChangeToken("mine@test.local")
	if err != nil {
		t.Fatal(err)
	}
	status, body = w.do(anonymous, http.MethodPost, "/api/collections/officers/confirm-email-change",
		`{"token":"`+token+`","password":"`+testapp.Password+`"}`)
	if status != http.StatusForbidden {
		t.Errorf("confirm: %d %s", status, body)
	}
	if after, _ := w.app.FindRecordById(schema.Officers, me.Id); after.Email() != testapp.StationA {
		t.Errorf("the email is now %s", after.Email())
	}
}
