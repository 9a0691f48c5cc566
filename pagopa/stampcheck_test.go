package pagopa

import (
	"context"
	"crypto/x509"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa/internal/soap"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// Two test PSPs (pagopatest.StampIssuer): the endpoint trusts the CA of
// the first only.
var (
	trustedPSP = sync.OnceValues(pagopatest.NewStampIssuer)
	otherPSP   = sync.OnceValues(pagopatest.NewStampIssuer)
)

func psp(t *testing.T, other bool) *pagopatest.StampIssuer {
	t.Helper()
	f := trustedPSP
	if other {
		f = otherPSP
	}
	s, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The stamped document (a certificate's PDF, say) and its hash, computed
// with: printf 'certificato 2025/184' | openssl dgst -sha256 -binary | base64
const (
	stampDoc  = "certificato 2025/184"
	stampHash = "/WpccJvadQOO+odxwCbdxzItt4RPTofzUC7giNp8kuE="
)

// mbd returns an MBD signed by the trusted test PSP (or by the other),
// bought on the day of the payment.
func mbd(t *testing.T, amountCents int64, hash string, other bool) []byte {
	t.Helper()
	m, err := psp(t, other).MBD(hash, amountCents, time.Date(2025, 11, 3, 10, 30, 0, 0, time.FixedZone("CET", 3600)))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// iubdOf reads the IUBD of an MBD, unverified.
func iubdOf(t *testing.T, m []byte) string {
	t.Helper()
	parsed, err := bollo.ParseMBD(m)
	if err != nil {
		t.Fatal(err)
	}
	return parsed.IUBD
}

// stampHandler serves the test position with transfer 2 turned into a
// stamp for stampDoc, and trusts the test CA.
func stampHandler(t *testing.T, store Store, opts ...HandlerOption) *Handler {
	t.Helper()
	p := testPosition(t)
	p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
		Stamp: &Stamp{HashDocument: stampHash, Type: "01", ProvincialResidence: "PA"}}
	if err := p.Publish(testNow); err != nil {
		t.Fatal(err)
	}
	if err := store.CreatePosition(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(psp(t, false).CA)
	opts = append([]HandlerOption{WithClock(func() time.Time { return testNow }),
		WithStampPolicy(StampPolicy{Trust: bollo.Policy{Roots: roots}})}, opts...)
	h, err := NewHandler(testConfig(t), store, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// stampReceipt is the paSendRTV2 of the test position with m as the MBD
// of transfer 2.
func stampReceipt(receiptID string, m []byte) *soap.Request {
	req := receiptReq(true, receiptID, "02000000000000184", 13650)
	req.SendRT.Receipt.Transfers = []soap.ReceiptTransfer{
		{ID: 1, Amount: 12050, FiscalCodePA: ente, IBAN: "IT60X0542811101000000123456", Remittance: "TARI 2025", Category: "0101101IM"},
		{ID: 2, Amount: 1600, FiscalCodePA: ente, MBD: m, Remittance: "Marca da bollo", Category: "9/0301116TS"},
	}
	return req
}

func TestStampHashIsSHA256(t *testing.T) {
	if got := bollo.HashBytes([]byte(stampDoc)); got != stampHash {
		t.Fatalf("HashBytes(%q) = %s, want %s", stampDoc, got, stampHash)
	}
}

func TestStampRequestSaved(t *testing.T) {
	store := NewMemoryStore()
	h := stampHandler(t, store)
	if f := faultOf(t, do(t, h, paymentReq(true, nav))); f != "" {
		t.Fatalf("paGetPaymentV2: fault %s", f)
	}
	got, err := store.StampRequests(context.Background(), ente, nav, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []StampRequest{{Organization: ente, NoticeNumber: nav, TransferID: 2, IUV: "02000000000000184", Amount: 1600,
		HashDocument: stampHash, Type: "01", Province: "PA", RequestedAt: testNow}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stamp requests (-want +got):\n%s", diff)
	}
	if rs, _ := store.StampRequests(context.Background(), ente, nav, 1); len(rs) != 0 {
		t.Errorf("requests for the IBAN transfer: %+v", rs)
	}
	// V1 cannot carry the request: PAA_SEMANTICA, nothing saved.
	store2 := NewMemoryStore()
	h2 := stampHandler(t, store2)
	if f := faultOf(t, do(t, h2, paymentReq(false, nav))); f != string(FaultSemantics) {
		t.Errorf("paGetPayment V1 of a stamp: fault %q, want %s", f, FaultSemantics)
	}
	if rs, _ := store2.StampRequests(context.Background(), ente, nav, 2); len(rs) != 0 {
		t.Errorf("V1 saved %+v", rs)
	}
}

func TestStampValid(t *testing.T) {
	store := NewMemoryStore()
	var events []StampEvent
	h := stampHandler(t, store, WithStampObserver(func(_ context.Context, e StampEvent) { events = append(events, e) }))
	do(t, h, paymentReq(true, nav))
	m := mbd(t, 1600, stampHash, false)
	req := stampReceipt("token-1", m)
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("paSendRTV2: fault %s", f)
	}
	r, err := store.Receipt(context.Background(), ente, "token-1")
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	want := &StampCheck{Valid: true, SignatureValid: true, SignerTrusted: true, DigestMatches: &yes, HashDocument: stampHash,
		IUBD: iubdOf(t, m), PSPFiscalCode: psp(t, false).FiscalCode, Amount: 1600, CheckedAt: testNow}
	got := r.Transfers[1].Stamp
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".PurchasedAt" }, cmp.Ignore())); diff != "" {
		t.Errorf("stamp check (-want +got):\n%s", diff)
	}
	if got != nil && !got.PurchasedAt.Equal(time.Date(2025, 11, 3, 9, 30, 0, 0, time.UTC)) || len(want.IUBD) != 14 {
		t.Errorf("PurchasedAt %v", got.PurchasedAt)
	}
	if r.Transfers[0].Stamp != nil {
		t.Errorf("IBAN transfer has a stamp check: %+v", r.Transfers[0].Stamp)
	}
	if len(events) != 1 || events[0].Err != nil || events[0].Transfer.ID != 2 || events[0].Receipt.ReceiptID != "token-1" {
		t.Fatalf("stamp events %+v", events)
	}
	// The Nodo delivers the receipt again: OK, the IUBD is this
	// receipt's already, no second event.
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("redelivery: fault %s", f)
	}
	if len(events) != 1 {
		t.Errorf("redelivery raised %d more events", len(events)-1)
	}
	journal, _ := store.Events(context.Background(), 0, 100)
	for _, e := range journal {
		if e.Kind == EventStampInvalid {
			t.Errorf("journal has %+v", e)
		}
	}
}

func TestStampInvalid(t *testing.T) {
	good := mbd(t, 1600, stampHash, false)
	other := bollo.HashBytes([]byte("another document"))
	tests := []struct {
		name    string
		mbd     []byte
		policy  *StampPolicy // nil: trust the test CA
		want    error
		wantSig bool // SignatureValid
	}{
		{"document hash differs", mbd(t, 1600, other, false), nil, bollo.ErrDigestMismatch, true},
		{"amount differs", mbd(t, 200, stampHash, false), nil, bollo.ErrAmountMismatch, true},
		{"IUBD changed after signing", []byte(strings.Replace(string(good), "<IUBD>"+iubdOf(t, good)+"<", "<IUBD>01250000000002<", 1)), nil, bollo.ErrSignature, false},
		{"signer not of the CA", mbd(t, 1600, stampHash, true), nil, bollo.ErrUntrusted, true},
		{"no trust configured", good, &StampPolicy{}, bollo.ErrUntrusted, true},
		{"not XML", []byte("questa è una marca da bollo"), nil, bollo.ErrMalformed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := NewMemoryStore()
			var events []StampEvent
			opts := []HandlerOption{WithStampObserver(func(_ context.Context, e StampEvent) { events = append(events, e) })}
			if tt.policy != nil {
				opts = append(opts, WithStampPolicy(*tt.policy))
			}
			h := stampHandler(t, store, opts...)
			do(t, h, paymentReq(true, nav))
			// The payment happened: the receipt is taken whatever the MBD.
			if f := faultOf(t, do(t, h, stampReceipt("token-1", tt.mbd))); f != "" {
				t.Fatalf("paSendRTV2: fault %s, want OK", f)
			}
			r, err := store.Receipt(context.Background(), ente, "token-1")
			if err != nil {
				t.Fatal(err)
			}
			p, _ := store.Position(context.Background(), ente, "TARI-2025-000184")
			if p.Status != Paid {
				t.Errorf("position %s, want paid", p.Status)
			}
			s := r.Transfers[1].Stamp
			if s == nil || s.Valid || s.SignatureValid != tt.wantSig || len(s.Problems) == 0 {
				t.Fatalf("stamp check %+v", s)
			}
			if len(events) != 1 || !errors.Is(events[0].Err, tt.want) {
				t.Fatalf("events %+v; want one with %v", events, tt.want)
			}
			journal, _ := store.Events(context.Background(), 0, 100)
			found := false
			for _, e := range journal {
				if e.Kind == EventStampInvalid && e.ReceiptID == "token-1" && strings.HasPrefix(e.Detail, "transfer 2: ") {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s event in %+v", EventStampInvalid, journal)
			}
			// An invalid stamp does not consume its IUBD.
			if m, err := bollo.ParseMBD(tt.mbd); err == nil {
				if err := store.IUBDs().Use(context.Background(), m.IUBD, "probe"); err != nil {
					t.Errorf("IUBD used by an invalid stamp: %v", err)
				}
			}
		})
	}
}

// A stamp used for a second payment is refused; the first stays valid.
func TestStampIUBDReused(t *testing.T) {
	store := NewMemoryStore()
	h := stampHandler(t, store)
	m := mbd(t, 1600, stampHash, false)
	do(t, h, paymentReq(true, nav))
	do(t, h, stampReceipt("token-1", m))
	// Another position of the ente asks for a stamp on the same
	// document; its receipt carries the same MBD.
	p := testPosition(t)
	p.Options = p.Options[:1]
	p.IUPD, p.Options[0].IUV = "TARI-2025-000192", "02000000000000192"
	p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
		Stamp: &Stamp{HashDocument: stampHash, Type: "01", ProvincialResidence: "PA"}}
	if err := p.Publish(testNow); err != nil {
		t.Fatal(err)
	}
	if err := store.CreatePosition(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	do(t, h, paymentReq(true, "302000000000000192"))
	req := stampReceipt("token-2", m)
	req.SendRT.Receipt.CreditorReferenceID, req.SendRT.Receipt.NoticeNumber = "02000000000000192", "302000000000000192"
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("fault %s", f)
	}
	r2, _ := store.Receipt(context.Background(), ente, "token-2")
	s := r2.Transfers[1].Stamp
	if s == nil || s.Valid || !s.SignatureValid || s.IUBD != iubdOf(t, m) ||
		len(s.Problems) != 1 || !strings.Contains(s.Problems[0], ente+"/token-1/2") {
		t.Errorf("second use: %+v", s)
	}
	r1, _ := store.Receipt(context.Background(), ente, "token-1")
	if !r1.Transfers[1].Stamp.Valid {
		t.Errorf("first use: %+v", r1.Transfers[1].Stamp)
	}
}

func TestStampNotRequested(t *testing.T) {
	store := NewMemoryStore()
	h := stampHandler(t, store)
	req := stampReceipt("token-1", mbd(t, 1600, stampHash, false))
	// The MBD comes on transfer 1, which asked for no stamp.
	tr := req.SendRT.Receipt.Transfers
	tr[0].IBAN, tr[0].MBD, tr[1].MBD, tr[1].IBAN = "", tr[1].MBD, nil, "IT60X0542811101000000123456"
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("fault %s", f)
	}
	r, _ := store.Receipt(context.Background(), ente, "token-1")
	s := r.Transfers[0].Stamp
	if s == nil || s.Valid || !s.SignatureValid || s.HashDocument != "" || s.Problems[0] != ErrNoStampRequest.Error() {
		t.Errorf("stamp check %+v", s)
	}
}

// The document changed between two paGetPaymentV2: an MBD for either
// hash asked for is bound; the newest is reported when none matches.
func TestStampDocumentChanged(t *testing.T) {
	store := NewMemoryStore()
	h := stampHandler(t, store)
	do(t, h, paymentReq(true, nav))
	newHash := bollo.HashBytes([]byte("certificato 2025/184, corretto"))
	later := testNow.Add(time.Minute)
	h.o.now = func() time.Time { return later }
	if _, err := store.UpdatePosition(context.Background(), ente, "TARI-2025-000184", func(p *Position) error {
		p.Options[0].Transfers[1].Stamp.HashDocument = newHash
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	do(t, h, paymentReq(true, nav))
	rs, _ := store.StampRequests(context.Background(), ente, nav, 2)
	if len(rs) != 2 || rs[0].HashDocument != newHash || rs[1].HashDocument != stampHash {
		t.Fatalf("requests %+v; want the new hash first", rs)
	}
	do(t, h, stampReceipt("token-1", mbd(t, 1600, stampHash, false)))
	r, _ := store.Receipt(context.Background(), ente, "token-1")
	if s := r.Transfers[1].Stamp; !s.Valid || s.HashDocument != stampHash {
		t.Errorf("MBD for the first hash: %+v", s)
	}
}

// storeOnly hides MemoryStore's StampStore methods.
type storeOnly struct{ Store }

// Without a StampStore the MBD is checked against the position's stamp.
func TestStampWithoutStampStore(t *testing.T) {
	mem := NewMemoryStore()
	h := stampHandler(t, storeOnly{mem})
	do(t, h, paymentReq(true, nav))
	m := mbd(t, 1600, stampHash, false)
	do(t, h, stampReceipt("token-1", m))
	do(t, h, stampReceipt("token-2", m))
	r1, _ := mem.Receipt(context.Background(), ente, "token-1")
	r2, _ := mem.Receipt(context.Background(), ente, "token-2")
	if s := r1.Transfers[1].Stamp; !s.Valid || s.HashDocument != stampHash {
		t.Errorf("first: %+v", s)
	}
	// The Handler's own registry still refuses the second use.
	if s := r2.Transfers[1].Stamp; s.Valid {
		t.Errorf("second use of the IUBD: %+v", s)
	}
}

func TestStampProvinceAbroad(t *testing.T) {
	cfg := testConfig(t)
	cfg.Stations[0].Enti[0].Province = "PA"
	p := testPosition(t)
	p.Country, p.Province, p.City = "FR", "", "Paris"
	p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
		Stamp: &Stamp{HashDocument: stampHash, Type: "01"}}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if err := cfg.CheckPosition(p); err != nil {
		t.Fatalf("CheckPosition: %v", err)
	}
	// Without the ente's province the position cannot be served.
	plain := testConfig(t)
	err := plain.CheckPosition(p)
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "paymentOption[0].transfer[1].stamp.provincialResidence") {
		t.Errorf("CheckPosition without the ente's province: %v", err)
	}
	// In Italy the province is the debtor's and required.
	it := p.Clone()
	it.Country = "IT"
	if err := it.Validate(); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "stamp.provincialResidence") {
		t.Errorf("Validate of an Italian debtor without province: %v", err)
	}

	store := NewMemoryStore()
	if err := p.Publish(testNow); err != nil {
		t.Fatal(err)
	}
	if err := store.CreatePosition(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(cfg, store, WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	resp := do(t, h, paymentReq(true, nav)).(*soap.GetPaymentRes)
	if s := resp.Data.Transfers[1].Stamp; s == nil || s.Province != "PA" {
		t.Errorf("emitted stamp %+v; want province PA", s)
	}
	rs, _ := store.StampRequests(context.Background(), ente, nav, 2)
	if len(rs) != 1 || rs[0].Province != "PA" {
		t.Errorf("saved %+v", rs)
	}
}

func TestStampNeedsV2Station(t *testing.T) {
	cfg := testConfig(t)
	cfg.Stations[0].PrimitiveVersion = 1
	p := testPosition(t)
	p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
		Stamp: &Stamp{HashDocument: stampHash, Type: "01", ProvincialResidence: "PA"}}
	err := cfg.CheckPosition(p)
	if !errors.Is(err, ErrStampNeedsV2) {
		t.Errorf("CheckPosition with a V1 station: %v; want ErrStampNeedsV2", err)
	}
	v2 := testConfig(t)
	if err := v2.CheckPosition(p); err != nil {
		t.Errorf("CheckPosition with a V2 station: %v", err)
	}
}

func TestConfigProvince(t *testing.T) {
	cfg := testConfig(t)
	cfg.Stations[0].Enti[0].Province = "Pa"
	if err := cfg.Validate(); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "enti[0].province") {
		t.Errorf("Validate: %v", err)
	}
}
