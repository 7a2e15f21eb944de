package abuse_test

import (
	"errors"
	"testing"
	"time"

	"anubhav/abuse"
	"anubhav/testkit/testapp"
)

func TestFormToken(t *testing.T) {
	app, _ := testapp.New(t)
	served := time.Now()
	token, err := abuse.NewToken(app, "st-a", served)
	if err != nil {
		t.Fatal(err)
	}
	forged := []byte(token)
	forged[len(forged)-1] ^= 1
	cases := []struct {
		name          string
		token, code   string
		sent          time.Time
		wantErr, fast bool
	}{
		{"sent after a minute", token, "st-a", served.Add(time.Minute), false, false},
		{"sent after 23 hours", token, "st-a", served.Add(23 * time.Hour), false, false},
		{"sent within a second", token, "st-a", served.Add(time.Second), false, true},
		{"sent after 2.5 s", token, "st-a", served.Add(2500 * time.Millisecond), false, true},
		{"sent after 3 s", token, "st-a", served.Add(3 * time.Second), false, false},
		{"sent after 25 hours", token, "st-a", served.Add(25 * time.Hour), true, false},
		{"for another station", token, "st-b", served.Add(time.Minute), true, false},
		{"forged signature", string(forged), "st-a", served.Add(time.Minute), true, false},
		{"missing", "", "st-a", served.Add(time.Minute), true, false},
		{"garbage", "abc.def", "st-a", served.Add(time.Minute), true, false},
		{"from the future", token, "st-a", served.Add(-time.Hour), true, false},
	}
	for _, c := range cases {
		fast, err := abuse.CheckToken(app, c.token, c.code, c.sent)
		if gotErr := errors.Is(err, abuse.ErrToken); gotErr != c.wantErr || fast != c.fast {
			t.Errorf("%s: tooFast=%v err=%v; want tooFast=%v refused=%v", c.name, fast, err, c.fast, c.wantErr)
		}
	}

	// A token signed under another appliance's key is a forgery here.
	other, _ := testapp.New(t)
	foreign, _ := abuse.NewToken(other, "st-a", served)
	if _, err := abuse.CheckToken(app, foreign, "st-a", served.Add(time.Minute)); !errors.Is(err, abuse.ErrToken) {
		t.Errorf("a token of another key was accepted: %v", err)
	}
}

func TestDeviceHashIsDailyAndKeepsNoAddress(t *testing.T) {
	now := time.Now()
	a := abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now)
	if a != abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now.Add(time.Second)) {
		t.Fatal("the same device hashes differently within a day")
	}
	for name, other := range map[string]string{
		"another address":  abuse.DeviceHash("Android", "10.1.2.4", "st-a", "experience", now),
		"another browser":  abuse.DeviceHash("iPhone", "10.1.2.3", "st-a", "experience", now),
		"another station":  abuse.DeviceHash("Android", "10.1.2.3", "st-b", "experience", now),
		"a complaint":      abuse.DeviceHash("Android", "10.1.2.3", "st-a", "complaint", now),
		"another day":      abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now.Add(24*time.Hour)),
		"the day after it": abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now.Add(48*time.Hour)),
	} {
		if other == a {
			t.Errorf("%s gives the same hash", name)
		}
	}
	// Yesterday's salt is gone: back on the first day, the hash is not the first day's.
	if abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now) == a {
		t.Error("a day's salt came back after the day changed")
	}
}

func TestBurst(t *testing.T) {
	app, _ := testapp.New(t)
	now := time.Now()
	device := abuse.DeviceHash("Android", "10.1.2.3", "st-a", "experience", now)
	check := func(at time.Time, want bool) {
		t.Helper()
		if got := abuse.IsBurst(app, device, at); got != want {
			t.Fatalf("IsBurst = %v, want %v", got, want)
		}
	}
	check(now, false)
	abuse.Record(app, device, now.Add(-2*time.Hour))
	abuse.Record(app, "another device", now.Add(-time.Minute))
	abuse.Record(app, device, now.Add(-10*time.Minute))
	check(now, false) // a second item is normal
	abuse.Record(app, device, now.Add(-59*time.Minute))
	check(now, true)                     // the third within the hour is a burst
	check(now.Add(2*time.Minute), false) // an hour after the earlier of the two, it is not
	other, _ := testapp.New(t)
	if abuse.IsBurst(other, device, now) {
		t.Fatal("another app shares the counts")
	}
}
