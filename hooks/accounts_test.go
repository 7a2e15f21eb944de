package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/testapp"
)

// DESIGN.md, "Privacy, by construction": no account type other than officers and superusers,
// and no auth origin or login alert keeps a fingerprint of a client address.

func TestThereIsNoUsersCollectionToSignUpTo(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	if _, err := app.FindCollectionByNameOrId("users"); err == nil {
		t.Fatal("the users collection exists")
	}
	srv := testapp.Serve(t, app)
	res, err := http.Post(srv.URL+"/api/collections/users/records", "application/json",
		strings.NewReader(`{"email":"someone@example.com","password":"a-long-password","passwordConfirm":"a-long-password"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("sign-up: %d, want 404", res.StatusCode)
	}
}

func TestNoAuthCollectionKeepsLoginOrigins(t *testing.T) {
	t.Parallel()
	app, _ := testapp.New(t)
	auths, err := app.FindAllCollections(core.CollectionTypeAuth)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range auths {
		names = append(names, c.Name)
		if c.AuthAlert.Enabled {
			t.Errorf("%s has login alerts on", c.Name)
		}
	}
	slices.Sort(names)
	if want := []string{core.CollectionNameSuperusers, schema.Officers}; !slices.Equal(names, want) {
		t.Errorf("auth collections %v, want %v", names, want)
	}

	// Turned on in the dashboard, or a new auth collection: still off.
	officers, _ := app.FindCollectionByNameOrId(schema.Officers)
	officers.AuthAlert.Enabled = true
	if err := app.Save(officers); err != nil {
		t.Fatal(err)
	}
	made := core.NewAuthCollection("citizens")
	if err := app.Save(made); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{schema.Officers, "citizens"} {
		if c, _ := app.FindCollectionByNameOrId(name); c.AuthAlert.Enabled {
			t.Errorf("%s: login alert saved on", name)
		}
	}

	// And whatever writes one, no auth origin is saved.
	origin := core.NewAuthOrigin(app)
	origin.SetCollectionRef(officers.Id)
	origin.SetRecordRef(testapp.Fixtures(t).Officers[testapp.SP])
	origin.SetFingerprint("0123456789abcdef0123456789abcdef")
	if err := app.Save(origin); err == nil {
		t.Fatal("an auth origin was saved")
	}
}
