// Package mailtest runs a real SMTP server (emersion/go-smtp) on loopback for tests: the
// appliance's mail goes through the whole SMTP conversation, and the server keeps what it
// received, decoded, or refuses it on demand.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
)

// Sender is the sender address Use sets.
const Sender = "anubhav@district.test"

// Message is a mail as the server received it.
type Message struct {
	From    string
	To      []string
	Subject string
	Text    string
	HTML    string
}

// Server is a running SMTP server.
type Server struct {
	Host string
	Port int

	mu          sync.Mutex
	messages    []Message
	refusal     *smtp.SMTPError
	connections int
	refused     int
	// user and password, when set, are required (AUTH PLAIN) before any mail.
	user, password string
}

// Start starts a server on 127.0.0.1 for the length of the test.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.connections++
		s.mu.Unlock()
		return &session{server: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Host, s.Port = "127.0.0.1", l.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Use points the app's SMTP settings at the server.
func (s *Server) Use(app core.App) {
	settings := app.Settings()
	settings.SMTP.Enabled = true
	settings.SMTP.Host = s.Host
	settings.SMTP.Port = s.Port
	settings.SMTP.TLS = false
	settings.Meta.SenderName = "Anubhav"
	settings.Meta.SenderAddress = Sender
	settings.Meta.AppURL = "https://anubhav.district.test"
}

// RequireAuth makes the server take mail only after AUTH PLAIN with these credentials, and
// sets them in the app's SMTP settings.
func (s *Server) RequireAuth(app core.App, user, password string) {
	s.mu.Lock()
	s.user, s.password = user, password
	s.mu.Unlock()
	app.Settings().SMTP.Username = user
	app.Settings().SMTP.Password = password
	app.Settings().SMTP.AuthMethod = "PLAIN"
}

// Refuse makes the server refuse every recipient with the given reply (e.g. 550), or accept
// them again with code 0.
func (s *Server) Refuse(code int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusal = nil
	if code != 0 {
		s.refusal = &smtp.SMTPError{Code: code, EnhancedCode: smtp.NoEnhancedCode, Message: message}
	}
}

// Messages are the mails received so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// To are the mails received for one address.
func (s *Server) To(address string) []Message {
	var out []Message
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if to == address {
				out = append(out, m)
			}
		}
	}
	return out
}

// Connections counts the SMTP connections made; Refused the recipients refused.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

// Refused counts the recipients the server refused.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

type session struct {
	server *Server
	authed bool
	from   string
	to     []string
}

func (c *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (c *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		c.server.mu.Lock()
		defer c.server.mu.Unlock()
		if user != c.server.user || password != c.server.password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		c.authed = true
		return nil
	}), nil
}

func (c *session) Reset()        { c.from, c.to = "", nil }
func (c *session) Logout() error { return nil }

func (c *session) Mail(from string, _ *smtp.MailOptions) error {
	c.server.mu.Lock()
	defer c.server.mu.Unlock()
	if c.server.user != "" && !c.authed {
		return smtp.ErrAuthRequired
	}
	c.from = from
	return nil
}

func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.server.mu.Lock()
	defer c.server.mu.Unlock()
	if c.server.refusal != nil {
		c.server.refused++
		return c.server.refusal
	}
	c.to = append(c.to, to)
	return nil
}

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := parse(raw)
	if err != nil {
		return err
	}
	m.From, m.To = c.from, c.to
	c.server.mu.Lock()
	c.server.messages = append(c.server.messages, m)
	c.server.mu.Unlock()
	return nil
}

// parse decodes the subject and the text and HTML parts of a mail.
func parse(raw []byte) (Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	var m Message
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return m, err
	}
	err = walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, &m)
	return m, err
}

func walk(contentType, encoding string, body io.Reader, m *Message) error {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return err
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, m); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	data, err := io.ReadAll(body)
	switch media {
	case "text/plain":
		m.Text = string(data)
	case "text/html":
		m.HTML = string(data)
	}
	return err
}
