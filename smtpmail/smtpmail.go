// Package smtpmail sends Anubhav's mail (digests, urgent alerts) with go-mail through the SMTP
// server set in PocketBase's settings, several messages over one connection.
package smtpmail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	texttemplate "text/template"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/wneessen/go-mail"
)

// ErrOff means the administrator has not turned SMTP on; nothing is sent, and nothing is
// lost either: what is due goes out once mail is set up.
var ErrOff = errors.New("SMTP is off: set it up in the dashboard, Settings → Mail settings (host, port, TLS, auth, sender address)")

// Message is one mail to one officer, with an HTML body and its plain-text alternative.
type Message struct {
	To      string
	Name    string
	Subject string
	HTML    string
	Text    string
}

// Render fills the bodies from the templates name+".html" and name+".txt".
func (m *Message) Render(h *htmltemplate.Template, t *texttemplate.Template, name string, data any) error {
	var hb, tb bytes.Buffer
	if err := h.ExecuteTemplate(&hb, name+".html", data); err != nil {
		return err
	}
	if err := t.ExecuteTemplate(&tb, name+".txt", data); err != nil {
		return err
	}
	m.HTML, m.Text = hb.String(), tb.String()
	return nil
}

// Ready reports whether mail can be sent at all.
func Ready(app core.App) error {
	s := app.Settings()
	if !s.SMTP.Enabled || s.SMTP.Host == "" {
		return ErrOff
	}
	if s.Meta.SenderAddress == "" {
		return errors.New("the sender address is empty: set it in the dashboard, Settings → Mail settings")
	}
	return nil
}

// Conn is one connection to the SMTP server of the settings, for several messages.
type Conn struct {
	client             *mail.Client
	senderName, sender string
}

// Dial connects to the SMTP server of the settings.
func Dial(ctx context.Context, app core.App) (*Conn, error) {
	if err := Ready(app); err != nil {
		return nil, err
	}
	client, err := newClient(app)
	if err != nil {
		return nil, err
	}
	if err := client.DialWithContext(ctx); err != nil {
		return nil, fmt.Errorf("connecting to the SMTP server %s: %w", client.ServerAddr(), err)
	}
	meta := app.Settings().Meta
	return &Conn{client: client, senderName: meta.SenderName, sender: meta.SenderAddress}, nil
}

// Send sends one message; nil means the server accepted it.
func (c *Conn) Send(m Message) error {
	msg, err := build(c.senderName, c.sender, m)
	if err == nil {
		err = c.client.Send(msg)
	}
	if err != nil {
		return fmt.Errorf("mail to %s: %w", m.To, err)
	}
	return nil
}

// Close ends the connection.
func (c *Conn) Close() error { return c.client.Close() }

// newClient follows PocketBase's own mailer: TLS on means implicit TLS, off means STARTTLS
// when the server offers it; AUTH PLAIN unless LOGIN is chosen, and none without a username.
func newClient(app core.App) (*mail.Client, error) {
	c := app.Settings().SMTP
	opts := []mail.Option{mail.WithPort(c.Port), mail.WithTimeout(30 * time.Second)}
	if c.TLS {
		opts = append(opts, mail.WithSSL())
	} else {
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if c.LocalName != "" {
		opts = append(opts, mail.WithHELO(c.LocalName))
	}
	if c.Username != "" {
		auth := mail.SMTPAuthPlain
		if c.AuthMethod == "LOGIN" {
			auth = mail.SMTPAuthLogin
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(c.Username), mail.WithPassword(c.Password))
	}
	client, err := mail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP settings (host %q, port %d): %w", c.Host, c.Port, err)
	}
	return client, nil
}

func build(senderName, senderAddress string, m Message) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.FromFormat(senderName, senderAddress); err != nil {
		return nil, fmt.Errorf("sender address %q: %w", senderAddress, err)
	}
	if err := msg.AddToFormat(m.Name, m.To); err != nil {
		return nil, fmt.Errorf("address %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	return msg, nil
}
