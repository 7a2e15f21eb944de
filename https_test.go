package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const certDomain = "anubhav.example.in"

// `anubhav serve DOMAIN`, PocketBase's own certificates: HTTPS on the --https address with the
// certificate of the data folder's cache (.autocert_cache, where Let's Encrypt's would be
// kept), plain HTTP redirected to HTTPS, and no certificate for another name. This machine
// cannot reach Let's Encrypt nor bind 80 and 443, so the cache holds a certificate made here
// and both addresses are on loopback; getting the certificate is autocert's own, untested here.
func TestServeWithADomainServesHTTPS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	roots := cacheCertificate(t, filepath.Join(dir, ".autocert_cache"))

	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := exec.CommandContext(ctx, bin, "serve", certDomain, "--dir", dir, "--http", httpAddr, "--https", httpsAddr)
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) }
	var logs strings.Builder
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = srv.Wait()
	}()

	// the phone asks for DOMAIN; the test's resolver says DOMAIN is this server
	dial := func(addr string) func(context.Context, string, string) (net.Conn, error) {
		return func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
	}
	phone := &http.Client{
		Transport: &http.Transport{
			DialContext:     dial(httpsAddr),
			TLSClientConfig: &tls.Config{RootCAs: roots},
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var res *http.Response
	var err error
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if res, err = phone.Get("https://" + certDomain + "/"); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("GET https://%s/: %v; the server said:\n%s", certDomain, err, logs.String())
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "अनुभव") {
		t.Errorf("GET https://%s/: %d, body starts %.200q", certDomain, res.StatusCode, body)
	}

	plain := &http.Client{
		Transport:     &http.Transport{DialContext: dial(httpAddr)},
		CheckRedirect: phone.CheckRedirect,
	}
	res, err = plain.Get("http://" + certDomain + "/s/drg-supela?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if to := res.Header.Get("Location"); res.StatusCode != http.StatusFound || to != "https://"+certDomain+"/s/drg-supela?lang=en" {
		t.Errorf("plain HTTP: %d to %q, want 302 to the same page on https", res.StatusCode, to)
	}

	// another name gets no certificate (nor any request to Let's Encrypt)
	conn, err := tls.Dial("tcp", httpsAddr, &tls.Config{ServerName: "other.example.in", RootCAs: roots})
	if err == nil {
		conn.Close()
		t.Error("a TLS handshake for another name succeeded")
	}
}

// cacheCertificate puts a certificate for certDomain into autocert's cache folder, as autocert
// keeps one (the ECDSA key, then the certificate, in PEM) and returns a pool that trusts it.
func cacheCertificate(t *testing.T, cache string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: certDomain},
		DNSNames:              []string{certDomain},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(90 * 24 * time.Hour), // as Let's Encrypt's: no renewal due
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pemText := append(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	if err := os.MkdirAll(cache, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cache, certDomain), pemText, 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return roots
}
