package abuse_test

import (
	"errors"
	"strconv"
	"strings"
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
	// A token serves one item: two forms served in the same millisecond get their own.
	twin, _ := abuse.NewToken(app, "st-a", served)
	if twin == token {
		t.Fatal("two forms served at once share a token")
	}
	issued, _, _ := strings.Cut(token, ".")
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
		{"its twin", twin, "st-a", served.Add(time.Minute), false, false},
		{"without its random part", issued + token[strings.LastIndexByte(token, '.'):], "st-a", served.Add(time.Minute), true, false},
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

func TestSenderIsDailyAndKeepsNoAddress(t *testing.T) {
	now := time.Now()
	a := abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now)
	if a != abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now.Add(time.Second)) {
		t.Fatal("the same sender hashes differently within a day")
	}
	if strings.Contains(a.Device+a.Address, "10.1.2.3") || a.Device == a.Address {
		t.Fatalf("hashes %+v", a)
	}
	for _, c := range []struct {
		name         string
		other        abuse.Sender
		device, addr bool // the same device hash, the same address hash
	}{
		{"another browser", abuse.SenderOf("iPhone", "10.1.2.3", "st-a", "experience", now), false, true},
		{"another address", abuse.SenderOf("Android", "10.1.2.4", "st-a", "experience", now), false, false},
		{"another station", abuse.SenderOf("Android", "10.1.2.3", "st-b", "experience", now), false, false},
		{"a complaint", abuse.SenderOf("Android", "10.1.2.3", "st-a", "complaint", now), false, false},
		{"another day", abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now.Add(24*time.Hour)), false, false},
		{"the day after it", abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now.Add(48*time.Hour)), false, false},
	} {
		if (c.other.Device == a.Device) != c.device || (c.other.Address == a.Address) != c.addr {
			t.Errorf("%s: same device %v, same address %v; want %v, %v", c.name,
				c.other.Device == a.Device, c.other.Address == a.Address, c.device, c.addr)
		}
	}
	// Yesterday's salt is gone: back on the first day, the hash is not the first day's.
	if abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now) == a {
		t.Error("a day's salt came back after the day changed")
	}
}

// A phone picks new IPv6 addresses within its /64 at will: they are one address.
func TestSenderOfIPv6IsItsNetwork(t *testing.T) {
	now := time.Now()
	a := abuse.SenderOf("Android", "2401:4900:1c2a:8f3e::1", "st-a", "experience", now)
	for addr, same := range map[string]bool{
		"2401:4900:1c2a:8f3e:a1b2:c3d4:e5f6:7788": true,
		"2401:4900:1c2a:8f3f::1":                  false,
		"::ffff:10.1.2.3":                         false,
	} {
		if got := abuse.SenderOf("Android", addr, "st-a", "experience", now).Address == a.Address; got != same {
			t.Errorf("%s: same address %v, want %v", addr, got, same)
		}
	}
	if abuse.SenderOf("x", "::ffff:10.1.2.3", "st-a", "tip", now) != abuse.SenderOf("x", "10.1.2.3", "st-a", "tip", now) {
		t.Error("an IPv4-mapped address is not its IPv4 address")
	}
}

func TestBurst(t *testing.T) {
	now := time.Now()
	phone := abuse.SenderOf("Android", "10.1.2.3", "st-a", "experience", now)
	newcomer := abuse.SenderOf("yet another phone", "10.1.2.3", "st-a", "experience", now)
	for _, c := range []struct {
		name string
		sent []abuse.Sender // a minute before the checked item
		from abuse.Sender   // who sends the checked item
		at   time.Duration  // the checked item's time after now
		want bool
	}{
		{"a first item", nil, phone, 0, false},
		{"a second item", []abuse.Sender{phone}, phone, 0, false},
		{"the third within the hour", []abuse.Sender{phone, phone}, phone, 0, true},
		{"an hour after the earlier two", []abuse.Sender{phone, phone}, phone, time.Hour, false},
		{"the user agent changed for each", agents(abuse.AddressLimit, "10.1.2.3"), newcomer, 0, true},
		{"distinct phones behind one carrier address", agents(abuse.AddressLimit-1, "10.1.2.3"), newcomer, 0, false},
		{"other addresses do not count", agents(abuse.AddressLimit, "10.9.9.9"), newcomer, 0, false},
	} {
		app, _ := testapp.New(t)
		for _, s := range c.sent {
			abuse.Record(app, s, now.Add(-time.Minute))
		}
		if got := abuse.IsBurst(app, c.from, now.Add(c.at)); got != c.want {
			t.Errorf("%s: IsBurst = %v, want %v", c.name, got, c.want)
		}
	}
	app, _ := testapp.New(t)
	abuse.Record(app, phone, now)
	abuse.Record(app, phone, now)
	if other, _ := testapp.New(t); abuse.IsBurst(other, phone, now) {
		t.Fatal("another app shares the counts")
	}
}

// agents are n phones (distinct user agents) behind one address, on one day, for st-a.
func agents(n int, addr string) []abuse.Sender {
	out := make([]abuse.Sender, n)
	for i := range out {
		out[i] = abuse.SenderOf("phone "+strconv.Itoa(i), addr, "st-a", "experience", time.Now())
	}
	return out
}
