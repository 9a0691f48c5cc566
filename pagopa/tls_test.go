package pagopa

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// selfSigned returns a certificate for cn valid in [from, to).
func selfSigned(t *testing.T, cn string, from, to time.Time) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn},
		DNSNames:     []string{cn},
		NotBefore:    from, NotAfter: to,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func TestMutualTLS(t *testing.T) {
	now := time.Now()
	server, _ := selfSigned(t, "127.0.0.1", now.Add(-time.Hour), now.Add(time.Hour))
	platform, platformPEM := selfSigned(t, "forwarder.platform.pagopa.it", now.Add(-time.Hour), now.Add(time.Hour))
	stranger, _ := selfSigned(t, "forwarder.platform.pagopa.it", now.Add(-time.Hour), now.Add(time.Hour))

	if _, err := MutualTLSConfig([]byte("no pem here"), server, nil); err == nil {
		t.Error("MutualTLSConfig accepted a PEM without certificates")
	}
	clock := now
	cfg, err := MutualTLSConfig(platformPEM, server, func() time.Time { return clock })
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
	srv.StartTLS()
	defer srv.Close()

	get := func(client *tls.Certificate) error {
		tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
		if client != nil {
			tr.TLSClientConfig.Certificates = []tls.Certificate{*client}
		}
		resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	}
	if err := get(&platform); err != nil {
		t.Errorf("the pinned platform certificate was refused: %v", err)
	}
	if err := get(&stranger); err == nil {
		t.Error("a certificate with the same name but another key was accepted")
	}
	if err := get(nil); err == nil {
		t.Error("a client without certificate was accepted")
	}
	clock = now.Add(2 * time.Hour)
	if err := get(&platform); err == nil {
		t.Error("an expired pinned certificate was accepted")
	}
	if !errors.Is(cfg.VerifyPeerCertificate(nil, nil), ErrClientCertificate) {
		t.Error("no certificate: want ErrClientCertificate")
	}
}
