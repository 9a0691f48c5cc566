package pagopatest_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

var issuerOnce = sync.OnceValues(pagopatest.NewStampIssuer)

func issuer(t *testing.T) *pagopatest.StampIssuer {
	t.Helper()
	s, err := issuerOnce()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStampIssuerMBD(t *testing.T) {
	s := issuer(t)
	at := time.Date(2026, 11, 20, 10, 31, 0, 0, time.FixedZone("CET", 3600))
	m, err := s.MBD("wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", 1600, at)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(s.CA)
	res, err := bollo.Verify(m, bollo.Policy{Roots: roots, ExpectedHash: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=",
		ExpectedAmountCents: 1600, ExpectedType: bollo.TypeStamp})
	if err != nil {
		t.Fatalf("Verify: %v (%+v)", err, res)
	}
	if res.MBD.PSPFiscalCode != s.FiscalCode || len(res.MBD.IUBD) != 14 || !res.MBD.PurchasedAt.Equal(at) {
		t.Errorf("MBD %+v", res.MBD)
	}
	m2, _ := s.MBD("wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", 1600, at)
	res2, err := bollo.Verify(m2, bollo.Policy{Roots: roots})
	if err != nil || res2.MBD.IUBD == res.MBD.IUBD {
		t.Errorf("second MBD: %v, IUBD %s after %s", err, res2.MBD.IUBD, res.MBD.IUBD)
	}
	if _, err := s.MBD("abc", 1600, at); err == nil {
		t.Error("MBD for a hash that is not one")
	}
	if _, err := s.MBD("wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", 0, at); err == nil {
		t.Error("MBD of 0 cents")
	}
}

// The simulated PSP buys the stamp; an endpoint trusting its CA accepts
// it, and the receipt delivered again with retries carries the same one.
func TestPayStampSigned(t *testing.T) {
	ctx := context.Background()
	s := issuer(t)
	store := pagopa.NewMemoryStore()
	if err := store.CreatePosition(ctx, position("B", "02000000000000285", 2000, true)); err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(s.CA)
	h, err := pagopa.NewHandler(config(), store, pagopa.WithClock(func() time.Time { return now }),
		pagopa.WithStampPolicy(pagopa.StampPolicy{Trust: bollo.Policy{Roots: roots}}))
	if err != nil {
		t.Fatal(err)
	}
	// The first delivery fails: the retry must carry the same MBD.
	var bodies [][]byte
	flaky := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("SOAPAction") == `"paSendRTV2"` {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, b)
			if len(bodies) == 1 {
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		h.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(flaky)
	defer srv.Close()
	nodo := &pagopatest.Nodo{URL: srv.URL, BrokerID: broker, StationID: station, Now: func() time.Time { return now }, Stamps: s}
	a, err := nodo.Activate(ctx, ente, "302000000000000285", pagopatest.ActivateOptions{V2: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := nodo.SendReceiptRetry(ctx, a, pagopatest.ReceiptOptions{}, pagopatest.RetryPolicy{Attempts: 3, Slot: time.Millisecond}); err != nil || n != 2 {
		t.Fatalf("SendReceiptRetry = %d, %v", n, err)
	}
	if len(bodies) != 2 || !bytes.Equal(bodies[0], bodies[1]) || !bytes.Contains(bodies[0], []byte("<MBDAttachment>")) {
		t.Fatalf("%d deliveries; the same receipt with an MBD each time: %v", len(bodies), len(bodies) == 2 && bytes.Equal(bodies[0], bodies[1]))
	}
	r, err := store.Receipt(ctx, ente, a.Token)
	if err != nil {
		t.Fatal(err)
	}
	st := r.Transfers[1].Stamp
	if st == nil || !st.Valid || st.PSPFiscalCode != s.FiscalCode || st.HashDocument != "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=" {
		t.Fatalf("stamp check %+v", st)
	}
	mbds, err := nodo.StampMBDs(a, now)
	if err != nil || len(mbds) != 1 || mbds[2] == nil {
		t.Fatalf("StampMBDs: %v %v", mbds, err)
	}
	// Without Stamps, the placeholder is stored and marked invalid.
	store2 := pagopa.NewMemoryStore()
	if err := store2.CreatePosition(ctx, position("B", "02000000000000285", 2000, true)); err != nil {
		t.Fatal(err)
	}
	h2, _ := pagopa.NewHandler(config(), store2, pagopa.WithClock(func() time.Time { return now }),
		pagopa.WithStampPolicy(pagopa.StampPolicy{Trust: bollo.Policy{Roots: roots}}))
	srv2 := httptest.NewServer(h2)
	defer srv2.Close()
	plain := &pagopatest.Nodo{URL: srv2.URL, BrokerID: broker, StationID: station, Now: func() time.Time { return now }}
	pay, err := plain.Pay(ctx, ente, "302000000000000285", true)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := store2.Receipt(ctx, ente, pay.ReceiptID)
	if st := r2.Transfers[1].Stamp; st == nil || st.Valid {
		t.Errorf("placeholder stamp check %+v", st)
	}
}
