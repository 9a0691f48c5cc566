package pagopatest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

var now = time.Date(2025, 11, 3, 9, 30, 0, 0, time.UTC)

const (
	broker  = "15376371009"
	station = "15376371009_01"
	ente    = "77777777777"
)

func config() pagopa.Config {
	return pagopa.Config{BrokerID: broker, Stations: []pagopa.Station{{ID: station, AuxDigit: 3, SegregationCode: "02",
		PrimitiveVersion: 2, Enti: []pagopa.Ente{{FiscalCode: ente, CompanyName: "Comune di Esempio"}}}}}
}

// position returns a published position of one option with IUV iuv.
func position(iupd, iuv string, amount int64, stamp bool) *pagopa.Position {
	t := pagopa.Transfer{ID: 1, Amount: amount, Remittance: "TARI 2025", Category: "0101101IM", IBAN: "IT60X0542811101000000123456"}
	ts := []pagopa.Transfer{t}
	if stamp {
		ts[0].Amount -= 1600
		ts = append(ts, pagopa.Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
			Stamp: &pagopa.Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}})
	}
	return &pagopa.Position{IUPD: iupd, Organization: ente, Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U",
		FullName: "Mario Rossi", CompanyName: "Comune di Esempio", Status: pagopa.Valid,
		Options: []pagopa.Option{{IUV: iuv, Amount: amount, Description: "TARI 2025", DueDate: now.Add(30 * 24 * time.Hour), Transfers: ts}}}
}

// endpoint starts a Handler on a MemoryStore holding two notices:
// 302000000000000184 (136,50 €) and 302000000000000285 (20,00 € with a
// @e.bollo of 16,00 €), behind wrap.
func endpoint(t *testing.T, wrap func(http.Handler) http.Handler) (*pagopatest.Nodo, *pagopa.MemoryStore) {
	t.Helper()
	store := pagopa.NewMemoryStore()
	for _, p := range []*pagopa.Position{position("A", "02000000000000184", 13650, false), position("B", "02000000000000285", 2000, true)} {
		if err := store.CreatePosition(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	h, err := pagopa.NewHandler(config(), store, pagopa.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	var hh http.Handler = h
	if wrap != nil {
		hh = wrap(h)
	}
	srv := httptest.NewServer(hh)
	t.Cleanup(srv.Close)
	return &pagopatest.Nodo{URL: srv.URL, BrokerID: broker, StationID: station, Now: func() time.Time { return now }}, store
}

// exampleEndpoint starts an endpoint for the examples; it lives until
// the test binary exits.
func exampleEndpoint() string {
	store := pagopa.NewMemoryStore()
	if err := store.CreatePosition(context.Background(), position("A", "02000000000000184", 13650, false)); err != nil {
		panic(err)
	}
	h, err := pagopa.NewHandler(config(), store)
	if err != nil {
		panic(err)
	}
	return httptest.NewServer(h).URL
}

func TestPay(t *testing.T) {
	ctx := context.Background()
	for _, v2 := range []bool{false, true} {
		nodo, store := endpoint(t, nil)
		pay, err := nodo.Pay(ctx, ente, "302000000000000184", v2)
		if err != nil {
			t.Fatalf("V2=%v: %v", v2, err)
		}
		if pay.Verification.Amount != 13650 || pay.Activation.Amount != 13650 || pay.Activation.IUV != "02000000000000184" {
			t.Errorf("V2=%v: payment %+v %+v", v2, pay.Verification, pay.Activation)
		}
		r, err := store.Receipt(ctx, ente, pay.ReceiptID)
		if err != nil {
			t.Fatalf("V2=%v: receipt not stored: %v", v2, err)
		}
		if r.Amount != 13650 || r.PSPID != pagopatest.DefaultPSP.ID || !r.PaymentDateTime.Equal(now) {
			t.Errorf("V2=%v: stored receipt %+v", v2, r)
		}
		// Paid now: verify answers DUPLICATO.
		if _, err := nodo.Verify(ctx, ente, "302000000000000184"); !pagopatest.IsFault(err, "PAA_PAGAMENTO_DUPLICATO") {
			t.Errorf("V2=%v: verify after payment: %v", v2, err)
		}
	}
}

func TestPayStamp(t *testing.T) {
	ctx := context.Background()
	nodo, store := endpoint(t, nil)
	if _, err := nodo.Pay(ctx, ente, "302000000000000285", false); !pagopatest.IsFault(err, "PAA_SEMANTICA") {
		t.Errorf("a @e.bollo notice paid with V1: %v, want PAA_SEMANTICA", err)
	}
	a, err := nodo.Activate(ctx, ente, "302000000000000285", pagopatest.ActivateOptions{V2: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Transfers[1].Stamp == nil || a.Transfers[1].Stamp.Province != "RM" {
		t.Fatalf("stamp transfer %+v", a.Transfers[1])
	}
	mbd := []byte("<marcaDaBollo>test</marcaDaBollo>")
	id, err := nodo.SendReceipt(ctx, a, pagopatest.ReceiptOptions{MBD: map[int][]byte{2: mbd}})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := store.Receipt(ctx, ente, id)
	if string(r.Transfers[1].UnverifiedMBD) != string(mbd) || r.Transfers[1].IBAN != "" {
		t.Errorf("stored stamp transfer %+v", r.Transfers[1])
	}
}

func TestDuplicateDelivery(t *testing.T) {
	ctx := context.Background()
	nodo, store := endpoint(t, nil)
	a, err := nodo.Activate(ctx, ente, "302000000000000184", pagopatest.ActivateOptions{V2: true})
	if err != nil {
		t.Fatal(err)
	}
	opt := pagopatest.ReceiptOptions{PaymentDateTime: now}
	for i := range 2 {
		if _, err := nodo.SendReceipt(ctx, a, opt); err != nil {
			t.Fatalf("delivery %d: %v", i+1, err)
		}
	}
	events, _ := store.Events(ctx, 0, 10)
	if len(events) != 1 {
		t.Errorf("%d journal events, want the receipt once", len(events))
	}
}

// TestRetry makes the endpoint fail twice (HTTP 503, then an answer
// after the Nodo gave up): the Nodo redelivers with backoff until OK and
// the receipt is stored once.
func TestRetry(t *testing.T) {
	ctx := context.Background()
	const timeout = 250 * time.Millisecond
	var calls atomic.Int32
	flaky := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("SOAPAction") == `"paSendRTV2"` {
				switch calls.Add(1) {
				case 1:
					http.Error(w, "unavailable", http.StatusServiceUnavailable)
					return
				case 2:
					h.ServeHTTP(w, r)       // stored…
					time.Sleep(2 * timeout) // …but answered too late
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	}
	nodo, store := endpoint(t, flaky)
	nodo.ReceiptTimeout = timeout
	a, err := nodo.Activate(ctx, ente, "302000000000000184", pagopatest.ActivateOptions{V2: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := nodo.SendReceiptRetry(ctx, a, pagopatest.ReceiptOptions{}, pagopatest.RetryPolicy{Attempts: 6, Slot: time.Millisecond})
	// Three attempts, unless a slow machine made the third one time out
	// too.
	if err != nil || n < 3 || int(calls.Load()) != n {
		t.Fatalf("SendReceiptRetry = %d, %v (endpoint called %d times); want success from the third attempt", n, err, calls.Load())
	}
	events, _ := store.Events(ctx, 0, 10)
	if len(events) != 1 {
		t.Errorf("%d receipt events, want 1", len(events))
	}
	p, _ := store.Position(ctx, ente, "A")
	if p.Status != pagopa.Paid {
		t.Errorf("status %s", p.Status)
	}
}

func TestTimeout(t *testing.T) {
	slow := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(200 * time.Millisecond)
			h.ServeHTTP(w, r)
		})
	}
	nodo, _ := endpoint(t, slow)
	nodo.Timeout = 50 * time.Millisecond
	_, err := nodo.Verify(context.Background(), ente, "302000000000000184")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Verify against a slow endpoint = %v, want a deadline error", err)
	}
}

func TestProbeStandIn(t *testing.T) {
	nodo, _ := endpoint(t, nil)
	if err := nodo.ProbeStandIn(context.Background(), ente); err != nil {
		t.Error(err)
	}
	// An endpoint that answers OK to everything fails the probe.
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><paf:paVerifyPaymentNoticeRes xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><outcome>OK</outcome><paymentList><paymentOptionDescription><amount>1.00</amount><options>EQ</options><allCCP>false</allCCP></paymentOptionDescription></paymentList></paf:paVerifyPaymentNoticeRes></s:Body></s:Envelope>`))
	}))
	defer ok.Close()
	bad := &pagopatest.Nodo{URL: ok.URL, BrokerID: broker, StationID: station}
	if err := bad.ProbeStandIn(context.Background(), ente); err == nil {
		t.Error("an endpoint answering OK to the probe passed it")
	}
}

func TestDemandUnsupported(t *testing.T) {
	nodo, _ := endpoint(t, nil)
	if _, err := nodo.Demand(context.Background(), ente, "00001", "00001", []byte("<service/>")); !pagopatest.IsFault(err, "PAA_PAGAMENTO_SCONOSCIUTO") {
		t.Errorf("demand without a catalogue: %v", err)
	}
}
