package commands

import (
	"bytes"
	"strings"
	"testing"

	"anubhav/appconfig"
	"anubhav/testkit/testapp"
)

// The administrator sets the gateway from the command line; a bad header or address is
// refused naming the setting, and the key is never printed.
func TestSMSGatewayCommandSetsTheDeploymentsGateway(t *testing.T) {
	app, f := testapp.New(t)
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		cmd := smsGatewayCommand(app)
		cmd.SetOut(&out)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return out.String(), err
	}
	out, err := run("--url", "https://sms.example.in/send?key=SECRET&to={{mobile91}}", "--headers", "X-Api-Key: SECRET2")
	if err != nil {
		t.Fatal(err)
	}
	if out != "GET https://sms.example.in/send (headers: X-Api-Key)\n" || strings.Contains(out, "SECRET") {
		t.Errorf("printed %q", out)
	}
	// every district without a gateway of its own uses it
	cfg, err := appconfig.For(app, f.Areas["d2"])
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Gateway.GetString("sms_url") != "https://sms.example.in/send?key=SECRET&to={{mobile91}}" {
		t.Errorf("d2's gateway %q", cfg.Gateway.GetString("sms_url"))
	}
	for _, bad := range [][]string{
		{"--headers", "X-Evil: a\r\nHost: elsewhere"},
		{"--headers", "no colon"},
		{"--url", "ftp://sms.example.in/"},
		{"--method", "PUT"},
		{"--district", "nowhere", "--url", "https://x.example/"},
	} {
		if _, err := run(bad...); err == nil {
			t.Errorf("%q: accepted", bad)
		} else if !strings.Contains(err.Error(), "sms_") && !strings.Contains(err.Error(), "nowhere") {
			t.Errorf("%q: the error %q names no setting", bad, err)
		}
	}
	out, err = run("--district", "d1", "--url", "https://own.example.in/send")
	if err != nil || !strings.HasPrefix(out, "GET https://own.example.in/send") {
		t.Fatalf("a district's own gateway: %q %v", out, err)
	}
}
