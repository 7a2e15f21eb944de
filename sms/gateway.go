// Package sms sends an officer's public reply to the citizen by SMS, through the district's
// HTTP bulk-SMS gateway, where the citizen consented and gave a mobile. Recording a reply
// queues its SMS in the outbox (Enqueue), which sends it with retries and survives restarts;
// each attempt's outcome is recorded on the item's thread.
package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"anubhav/appconfig"
)

// Gateway is an HTTP bulk-SMS provider as the district's settings describe it. URL, headers
// and body are templates holding {{mobile}} (as the citizen gave it), {{mobile91}} (with the
// country code 91, as many Indian providers want it) and {{message}}.
type Gateway struct {
	URL     string
	Method  string
	Headers string // one "Name: value" per line
	Body    string
}

// FromConfig returns the district's gateway (its own, or the deployment's; only a superuser
// sets either), or nil when the district sends no SMS.
func FromConfig(cfg *appconfig.Config) *Gateway {
	if !Enabled(cfg) {
		return nil
	}
	r := cfg.Gateway
	g := &Gateway{URL: r.GetString("sms_url"), Method: r.GetString("sms_method"), Headers: r.GetString("sms_headers"), Body: r.GetString("sms_body")}
	if g.Method == "" {
		g.Method = http.MethodGet
	}
	return g
}

// Enabled says whether the district sends replies by SMS.
func Enabled(cfg *appconfig.Config) bool {
	return cfg.Record != nil && cfg.Record.GetBool("sms_enabled") && cfg.Gateway != nil && cfg.Gateway.GetString("sms_url") != ""
}

// Request builds the gateway's request for one message.
func (g *Gateway) Request(ctx context.Context, mobile, message string) (*http.Request, error) {
	header := http.Header{}
	for i, line := range strings.Split(g.Headers, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("sms_headers line %d: write it as Name: value", i+1)
		}
		header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	vars := map[string]string{"mobile": mobile, "mobile91": with91(mobile), "message": message}
	target := fill(g.URL, vars, url.QueryEscape)
	var body io.Reader
	if g.Method == http.MethodPost {
		body = strings.NewReader(fill(g.Body, vars, bodyEscaper(header.Get("Content-Type"))))
	}
	req, err := http.NewRequestWithContext(ctx, g.Method, target, body)
	if err != nil {
		return nil, fmt.Errorf("sms_url: %w", err)
	}
	req.Header = header
	return req, nil
}

// Send sends one message; any answer but 2xx is an error that quotes the gateway.
func (g *Gateway) Send(ctx context.Context, client *http.Client, mobile, message string) error {
	req, err := g.Request(ctx, mobile, message)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		// not the URL, which holds the provider's key and the mobile
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return fmt.Errorf("gateway not reached: %w", err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, 300))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("gateway answered %d: %s", res.StatusCode, strings.TrimSpace(string(answer)))
	}
	return nil
}

// fill puts the values into a template, each escaped as its place needs.
func fill(template string, vars map[string]string, escape func(string) string) string {
	for name, v := range vars {
		template = strings.ReplaceAll(template, "{{"+name+"}}", escape(v))
	}
	return template
}

// bodyEscaper escapes a value for the body's content type: inside a JSON string, in a
// form-encoded body, or as it is.
func bodyEscaper(contentType string) func(string) string {
	switch {
	case strings.Contains(contentType, "json"):
		return func(s string) string {
			b, _ := json.Marshal(s)
			return string(b[1 : len(b)-1])
		}
	case strings.Contains(contentType, "x-www-form-urlencoded"):
		return url.QueryEscape
	}
	return func(s string) string { return s }
}

// with91 is an Indian mobile number with its country code and without a leading 0 or +.
func with91(mobile string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, mobile)
	if len(digits) > 10 {
		digits = digits[len(digits)-10:]
	}
	return "91" + digits
}
