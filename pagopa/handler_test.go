package pagopa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

var testNow = time.Date(2025, 11, 3, 9, 30, 0, 0, time.UTC)

const (
	broker  = "15376371009"
	station = "15376371009_01"
	ente    = "77777777777"
	nav     = "302000000000000184" // the single payment of testdata/position.json
)

// newTestHandler serves testdata/position.json, published.
func newTestHandler(t testing.TB, opts ...HandlerOption) (*Handler, *MemoryStore) {
	t.Helper()
	store := NewMemoryStore()
	p := testPosition(t)
	if err := p.Publish(testNow); err != nil {
		t.Fatal(err)
	}
	if err := store.CreatePosition(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(testConfig(t), store, append([]HandlerOption{WithClock(func() time.Time { return testNow })}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return h, store
}

func header() soap.Header { return soap.Header{IDPA: ente, IDBrokerPA: broker, IDStation: station} }

func verifyReq(nav string) *soap.Request {
	return &soap.Request{Op: soap.OpVerify, Header: header(), Verify: &soap.VerifyReq{FiscalCode: ente, NoticeNumber: nav}}
}

func paymentReq(v2 bool, nav string) *soap.Request {
	op := soap.OpGetPayment
	if v2 {
		op = soap.OpGetPaymentV2
	}
	return &soap.Request{Op: op, Header: header(), Payment: &soap.GetPaymentReq{FiscalCode: ente, NoticeNumber: nav, Amount: 13650, HasAmount: true}}
}

func receiptReq(v2 bool, receiptID, iuv string, amount int64) *soap.Request {
	op := soap.OpSendRT
	if v2 {
		op = soap.OpSendRTV2
	}
	fee := int64(100)
	return &soap.Request{Op: op, Header: header(), SendRT: &soap.SendRTReq{Receipt: soap.Receipt{
		ReceiptID: receiptID, NoticeNumber: "3" + iuv, FiscalCode: ente, Outcome: "OK",
		CreditorReferenceID: iuv, PaymentAmount: amount, Description: "TARI 2025", CompanyName: "Comune di Esempio",
		Debtor:    soap.Subject{Type: "F", ID: "RSSMRA80A01H501U", FullName: "Mario Rossi"},
		Transfers: []soap.ReceiptTransfer{{ID: 1, Amount: amount, FiscalCodePA: ente, IBAN: "IT60X0542811101000000123456", Remittance: "TARI 2025", Category: "0101101IM"}},
		IDPSP:     "BCITITMM", PSPCompanyName: "Banca di Prova", IDChannel: "BCITITMM_01", ChannelDescription: "app",
		Fee: &fee, PaymentDateTime: testNow, ApplicationDate: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC),
	}}}
}

// do posts req to h in process and decodes the answer.
func do(t *testing.T, h http.Handler, req *soap.Request) any {
	t.Helper()
	var body bytes.Buffer
	if err := soap.WriteRequest(&body, req); err != nil {
		t.Fatal(err)
	}
	return post(t, h, req.Op, body.Bytes())
}

func post(t *testing.T, h http.Handler, op soap.Operation, body []byte) any {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/pagopa/paForNode", bytes.NewReader(body))
	r.Header.Set("SOAPAction", `"`+string(op)+`"`)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("HTTP %d, want 200 also for faults", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
		t.Errorf("Content-Type %q", ct)
	}
	resp, err := soap.DecodeResponse(w.Body, op, soap.DefaultLimits)
	if err != nil {
		t.Fatalf("decoding the response: %v\n%s", err, w.Body)
	}
	return resp
}

// faultOf returns the fault code of a response, "" for OK.
func faultOf(t *testing.T, resp any) string {
	t.Helper()
	var outcome string
	var f *soap.Fault
	switch r := resp.(type) {
	case *soap.VerifyRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.GetPaymentRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.SendRTRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.DemandRes:
		outcome, f = r.Outcome, r.Fault
	default:
		t.Fatalf("response %T", resp)
	}
	switch {
	case outcome == "OK" && f == nil:
		return ""
	case outcome == "KO" && f != nil:
		return f.Code
	}
	t.Fatalf("outcome %s with fault %+v", outcome, f)
	return ""
}

func TestVerify(t *testing.T) {
	h, _ := newTestHandler(t)
	resp := do(t, h, verifyReq(nav)).(*soap.VerifyRes)
	want := &soap.VerifyRes{
		Outcome: "OK",
		// The position's due date is 2025-12-31T23:59:59Z; the wire carries
		// the date only.
		Option: &soap.PaymentOption{Amount: 13650, Options: "EQ", DueDate: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
			DetailDescription: "TARI 2025 rata unica", AllCCP: false},
		PaymentDescription: "TARI 2025 rata unica", FiscalCodePA: ente, CompanyName: "Comune di Esempio", OfficeName: "Ufficio Tributi",
	}
	if diff := cmp.Diff(want, resp); diff != "" {
		t.Errorf("verify (-want +got):\n%s", diff)
	}
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(*Position)
		req    func() *soap.Request
		want   FaultCode
		wantID string
	}{
		{"wrong broker", nil, func() *soap.Request { r := verifyReq(nav); r.Header.IDBrokerPA = "99999999999"; return r }, FaultWrongBroker, ente},
		{"wrong station", nil, func() *soap.Request { r := verifyReq(nav); r.Header.IDStation = broker + "_99"; return r }, FaultWrongStation, ente},
		{"wrong ente", nil, func() *soap.Request { r := verifyReq(nav); r.Header.IDPA = "12345678901"; return r }, FaultWrongDomain, "12345678901"},
		{"qrCode of another ente", nil, func() *soap.Request { r := verifyReq(nav); r.Verify.FiscalCode = "12345678901"; return r }, FaultWrongDomain, ente},
		{"unknown notice", nil, func() *soap.Request { return verifyReq("302000000000000487") }, FaultUnknown, ente},
		{"stand-in probe", nil, func() *soap.Request { return verifyReq("000000000000000000") }, FaultUnknown, ente},
		{"wrong check digit", nil, func() *soap.Request { return verifyReq("302000000000000185") }, FaultUnknown, ente},
		{"other segregation code", nil, func() *soap.Request { return verifyReq("301000000000000144") }, FaultUnknown, ente},
		{"paid", func(p *Position) { p.Options[0].Status = OptionPaid }, func() *soap.Request { return verifyReq(nav) }, FaultPaid, ente},
		{"position paid", func(p *Position) { p.Status = Paid }, func() *soap.Request { return verifyReq("302000000000000285") }, FaultPaid, ente},
		{"expired", func(p *Position) { p.Status = Expired }, func() *soap.Request { return verifyReq(nav) }, FaultExpired, ente},
		{"expiring now", func(p *Position) {
			p.SwitchToExpired = true
			for i := range p.Options {
				p.Options[i].DueDate = testNow.Add(-time.Hour)
			}
		}, func() *soap.Request { return verifyReq(nav) }, FaultExpired, ente},
		{"cancelled", func(p *Position) { p.Status = Invalid }, func() *soap.Request { return verifyReq(nav) }, FaultCancelled, ente},
		{"draft", func(p *Position) { p.Status = Draft }, func() *soap.Request { return verifyReq(nav) }, FaultUnknown, ente},
		{"not yet valid", func(p *Position) {
			v := testNow.Add(time.Hour)
			p.ValidityDate, p.Status = &v, Published
		}, func() *soap.Request { return paymentReq(true, nav) }, FaultUnknown, ente},
		{"stamp on V1", func(p *Position) {
			p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "bollo", Category: "9/0301116TS",
				Stamp: &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}}
		}, func() *soap.Request { return paymentReq(false, nav) }, FaultSemantics, ente},
		{"postal without postal IBAN", nil, func() *soap.Request {
			r := paymentReq(true, "302000000000000285")
			r.Payment.TransferType = "POSTAL"
			return r
		}, FaultSemantics, ente},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, store := newTestHandler(t)
			if tt.setup != nil {
				if _, err := store.UpdatePosition(context.Background(), ente, "TARI-2025-000184", func(p *Position) error { tt.setup(p); return nil }); err != nil {
					t.Fatal(err)
				}
			}
			req := tt.req()
			resp := do(t, h, req)
			if got := faultOf(t, resp); got != string(tt.want) {
				t.Fatalf("fault %q, want %q", got, tt.want)
			}
			var f *soap.Fault
			switch r := resp.(type) {
			case *soap.VerifyRes:
				f = r.Fault
			case *soap.GetPaymentRes:
				f = r.Fault
			}
			if f.String != tt.want.String() || f.ID != tt.wantID {
				t.Errorf("fault string %q id %q, want %q %q", f.String, f.ID, tt.want.String(), tt.wantID)
			}
		})
	}
}

func TestGetPayment(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, v2 := range []bool{false, true} {
		resp := do(t, h, paymentReq(v2, nav)).(*soap.GetPaymentRes)
		if faultOf(t, resp) != "" || resp.V2 != v2 {
			t.Fatalf("V2=%v: %+v", v2, resp)
		}
		d := resp.Data
		want := []soap.Transfer{
			{ID: 1, Amount: 12050, FiscalCodePA: ente, IBAN: "IT60X0542811101000000123456", Remittance: "TARI 2025", Category: "0101101IM"},
			{ID: 2, Amount: 1600, FiscalCodePA: "80016350821", IBAN: "IT60X0542811101000000123456", Remittance: "TEFA 2025", Category: "0201102IM",
				Metadata: []soap.MapEntry{{Key: "anno", Value: "2025"}}},
		}
		if v2 {
			want[1].CompanyName = "Provincia di Esempio"
		}
		if diff := cmp.Diff(want, d.Transfers); diff != "" {
			t.Errorf("V2=%v transfers (-want +got):\n%s", v2, diff)
		}
		if d.CreditorReferenceID != "02000000000000184" || d.PaymentAmount != 13650 || d.CompanyName != "Comune di Esempio" ||
			d.Debtor.ID != "RSSMRA80A01H501U" || d.Debtor.Type != "F" || d.Debtor.FullName != "Mario Rossi" {
			t.Errorf("V2=%v data %+v", v2, d)
		}
	}
	// A postal payment gets the postal IBAN on transfer 1.
	r := paymentReq(true, nav)
	r.Payment.TransferType = "POSTAL"
	resp := do(t, h, r).(*soap.GetPaymentRes)
	if got := resp.Data.Transfers[0].IBAN; got != "IT71A0760103200000012345678" {
		t.Errorf("POSTAL transfer 1 IBAN %s, want the postal IBAN", got)
	}
}

func TestGetPaymentStamp(t *testing.T) {
	h, store := newTestHandler(t)
	store.UpdatePosition(context.Background(), ente, "TARI-2025-000184", func(p *Position) error {
		p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
			Stamp: &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}}
		return nil
	})
	resp := do(t, h, paymentReq(true, nav)).(*soap.GetPaymentRes)
	got := resp.Data.Transfers[1]
	want := soap.Transfer{ID: 2, Amount: 1600, FiscalCodePA: ente, Remittance: "Marca da bollo", Category: "9/0301116TS",
		Stamp: &soap.Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", Province: "RM"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stamp transfer (-want +got):\n%s", diff)
	}
}

func TestSendRT(t *testing.T) {
	for _, v2 := range []bool{false, true} {
		t.Run(fmt.Sprint("V2=", v2), func(t *testing.T) {
			var observed []*Receipt
			h, store := newTestHandler(t, WithReceiptObserver(func(_ context.Context, r *Receipt) { observed = append(observed, r) }))
			req := receiptReq(v2, "token-1", "02000000000000184", 13650)
			if f := faultOf(t, do(t, h, req)); f != "" {
				t.Fatalf("fault %s", f)
			}
			p, _ := store.Position(context.Background(), ente, "TARI-2025-000184")
			if p.Status != Paid || p.Options[0].ReceiptID != "token-1" {
				t.Errorf("after the receipt: status %s, option %+v", p.Status, p.Options[0])
			}
			r, err := store.Receipt(context.Background(), ente, "token-1")
			if err != nil {
				t.Fatal(err)
			}
			wantVersion := 1
			if v2 {
				wantVersion = 2
			}
			if r.Version != wantVersion || r.Amount != 13650 || *r.Fee != 100 || r.PSPID != "BCITITMM" || len(r.Anomalies) != 0 ||
				!bytes.HasPrefix(r.Raw, []byte("<receipt")) || !bytes.HasSuffix(r.Raw, []byte("</receipt>")) {
				t.Errorf("stored receipt %+v", r)
			}
			// The Nodo delivers it again: OK, stored once, no second observer call.
			if f := faultOf(t, do(t, h, req)); f != "" {
				t.Errorf("redelivery: fault %s, want OK", f)
			}
			if len(observed) != 1 {
				t.Errorf("observers called %d times, want 1", len(observed))
			}
			events, _ := store.Events(context.Background(), 0, 100)
			if len(events) != 1 || events[0].Kind != EventReceipt || events[0].ReceiptID != "token-1" {
				t.Errorf("journal %+v", events)
			}
		})
	}
}

func TestSendRTDuplicateFault(t *testing.T) {
	h, _ := newTestHandler(t, WithDuplicateReceiptFault(true))
	req := receiptReq(true, "token-1", "02000000000000184", 13650)
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("first delivery: %s", f)
	}
	if f := faultOf(t, do(t, h, req)); f != string(FaultReceiptDuplicate) {
		t.Errorf("redelivery: %q, want %s", f, FaultReceiptDuplicate)
	}
}

func TestSendRTAnomalies(t *testing.T) {
	h, store := newTestHandler(t)
	// Unknown IUV, then a wrong amount: both stored and journaled.
	do(t, h, receiptReq(true, "t-unknown", "02000000000000992", 500))
	do(t, h, receiptReq(true, "t-amount", "02000000000000285", 6000))
	for id, want := range map[string]Anomaly{"t-unknown": UnknownPosition, "t-amount": AmountMismatch} {
		r, err := store.Receipt(context.Background(), ente, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Anomalies) != 1 || r.Anomalies[0] != want {
			t.Errorf("%s anomalies %v, want %s", id, r.Anomalies, want)
		}
	}
	events, _ := store.Events(context.Background(), 0, 100)
	var anomalies []string
	for _, e := range events {
		if e.Kind == EventReceiptAnomaly {
			anomalies = append(anomalies, e.ReceiptID+":"+e.Detail)
		}
	}
	if diff := cmp.Diff([]string{"t-unknown:unknown_position", "t-amount:amount_mismatch"}, anomalies); diff != "" {
		t.Errorf("journal anomalies (-want +got):\n%s", diff)
	}
}

// TestConcurrentDuplicateReceipts delivers the same receipt 1,000 times at
// once over HTTP: one is stored, every delivery is answered OK.
func TestConcurrentDuplicateReceipts(t *testing.T) {
	h, store := newTestHandler(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	var body bytes.Buffer
	if err := soap.WriteRequest(&body, receiptReq(true, "token-1", "02000000000000184", 13650)); err != nil {
		t.Fatal(err)
	}
	const n = 1000
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 64)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body.Bytes()))
			req.Header.Set("SOAPAction", "paSendRTV2")
			resp, err := srv.Client().Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			r, err := soap.DecodeResponse(resp.Body, soap.OpSendRTV2, soap.DefaultLimits)
			if err != nil {
				errs <- err
				return
			}
			if res := r.(*soap.SendRTRes); res.Outcome != "OK" {
				errs <- fmt.Errorf("outcome %s %+v", res.Outcome, res.Fault)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	events, _ := store.Events(context.Background(), 0, 2*n)
	if len(events) != 1 {
		t.Errorf("%d receipt events, want 1", len(events))
	}
}

// failingStore fails SaveReceipt after the receipt is persisted, as a
// crash between the commit and the reply would.
type failingStore struct {
	*MemoryStore
	fail bool
}

func (s *failingStore) SaveReceipt(ctx context.Context, r *Receipt) (bool, error) {
	stored, err := s.MemoryStore.SaveReceipt(ctx, r)
	if s.fail {
		s.fail = false
		return false, errors.New("connection lost after commit")
	}
	return stored, err
}

func TestCrashBeforeReply(t *testing.T) {
	_, mem := newTestHandler(t)
	fs := &failingStore{MemoryStore: mem, fail: true}
	h, err := NewHandler(testConfig(t), fs, WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	req := receiptReq(true, "token-1", "02000000000000184", 13650)
	if f := faultOf(t, do(t, h, req)); f != string(FaultSystem) {
		t.Fatalf("first delivery: %q, want %s so that the Nodo retries", f, FaultSystem)
	}
	if f := faultOf(t, do(t, h, req)); f != "" {
		t.Fatalf("retry: %q, want OK", f)
	}
	p, _ := mem.Position(context.Background(), ente, "TARI-2025-000184")
	if p.Status != Paid {
		t.Errorf("status %s, want PAID", p.Status)
	}
}

func TestActualize(t *testing.T) {
	interest := func(_ context.Context, op Operation, p *Position, o *Option) error {
		o.Amount += 250
		o.Transfers[0].Amount += 250
		return nil
	}
	h, _ := newTestHandler(t, WithActualize(interest))
	if got := do(t, h, verifyReq(nav)).(*soap.VerifyRes).Option.Amount; got != 13900 {
		t.Errorf("verify amount %d, want 13900", got)
	}
	d := do(t, h, paymentReq(true, nav)).(*soap.GetPaymentRes).Data
	if d.PaymentAmount != 13900 || d.Transfers[0].Amount != 12300 {
		t.Errorf("activation amount %d, transfer %d", d.PaymentAmount, d.Transfers[0].Amount)
	}

	broken := func(_ context.Context, _ Operation, _ *Position, o *Option) error { o.Amount++; return nil }
	h, _ = newTestHandler(t, WithActualize(broken))
	if f := faultOf(t, do(t, h, verifyReq(nav))); f != string(FaultSystem) {
		t.Errorf("inconsistent actualisation: %q, want %s", f, FaultSystem)
	}
	busy := func(context.Context, Operation, *Position, *Option) error {
		return Fault(FaultInProgress, "paying at the counter")
	}
	h, _ = newTestHandler(t, WithActualize(busy))
	if f := faultOf(t, do(t, h, paymentReq(true, nav))); f != string(FaultInProgress) {
		t.Errorf("hook fault: %q, want %s", f, FaultInProgress)
	}
	boom := func(context.Context, Operation, *Position, *Option) error { panic("bug in the hook") }
	h, _ = newTestHandler(t, WithActualize(boom))
	if f := faultOf(t, do(t, h, verifyReq(nav))); f != string(FaultSystem) {
		t.Errorf("panicking hook: %q, want %s", f, FaultSystem)
	}
}

func TestDemand(t *testing.T) {
	catalog := ServiceCatalog{
		"00001": func(_ context.Context, d DemandRequest) (*Position, error) {
			if !bytes.Contains(d.UnverifiedServiceData, []byte("<targa>")) {
				return nil, Fault(FaultSemantics, "no targa")
			}
			return &Position{
				IUPD: "BOLLO-AUTO-1", Type: NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi",
				CompanyName: "Comune di Esempio",
				Options: []Option{{IUV: "02000000000000487", Amount: 5000, Description: "Permesso ZTL", DueDate: testNow.Add(24 * time.Hour),
					Transfers: []Transfer{{ID: 1, Amount: 5000, Remittance: "Permesso ZTL", Category: "0101101IM", IBAN: "IT60X0542811101000000123456"}}}},
			}, nil
		},
	}
	h, store := newTestHandler(t, WithDemand(catalog.Demand))
	req := &soap.Request{Op: soap.OpDemand, Header: header(), Demand: &soap.DemandReq{IDServizio: "00001", IDSoggettoServizio: "00001",
		DatiSpecificiServizio: []byte("<service><targa>AB123CD</targa></service>")}}
	resp := do(t, h, req).(*soap.DemandRes)
	if faultOf(t, resp) != "" || resp.QRNoticeNumber != "302000000000000487" || resp.QRFiscalCode != ente || resp.Option.Amount != 5000 {
		t.Fatalf("demand %+v", resp)
	}
	p, err := store.Position(context.Background(), ente, "BOLLO-AUTO-1")
	if err != nil || p.Status != Valid {
		t.Fatalf("stored position %v, %v", p, err)
	}
	// Asked again: the same notice.
	if again := do(t, h, req).(*soap.DemandRes); again.QRNoticeNumber != "302000000000000487" {
		t.Errorf("repeated demand %+v", again)
	}
	// The new notice can be verified.
	if f := faultOf(t, do(t, h, verifyReq("302000000000000487"))); f != "" {
		t.Errorf("verify of the demanded notice: %s", f)
	}
	req.Demand.IDServizio = "99999"
	if f := faultOf(t, do(t, h, req)); f != string(FaultUnknown) {
		t.Errorf("unknown service: %q", f)
	}
	req.Demand.IDServizio = "00001"
	req.Demand.DatiSpecificiServizio = []byte("<service/>")
	if f := faultOf(t, do(t, h, req)); f != string(FaultSemantics) {
		t.Errorf("bad service data: %q", f)
	}
}

func TestMalformed(t *testing.T) {
	h, _ := newTestHandler(t)
	for name, body := range map[string]string{
		"not XML":        "this is not XML",
		"no body":        `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"></soapenv:Envelope>`,
		"unknown op":     `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x:paNew xmlns:x="urn:x"/></soapenv:Body></soapenv:Envelope>`,
		"oversized":      strings.Repeat(" ", 5<<20),
		"billion laughs": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&lol2;</soapenv:Body></soapenv:Envelope>`,
	} {
		t.Run(name, func(t *testing.T) {
			resp := post(t, h, soap.OpVerify, []byte(body))
			if f := faultOf(t, resp); f != string(FaultSyntaxExtraXSD) && f != string(FaultSyntaxXSD) {
				t.Errorf("fault %q, want a syntax fault", f)
			}
		})
	}
	xsd := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
		`<paf:paVerifyPaymentNoticeReq xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><idPA>77777777777</idPA>` +
		`<idBrokerPA>15376371009</idBrokerPA><idStation>15376371009_01</idStation><qrCode><fiscalCode>77777777777</fiscalCode>` +
		`<noticeNumber>30200000000000018</noticeNumber></qrCode></paf:paVerifyPaymentNoticeReq></soapenv:Body></soapenv:Envelope>`
	resp := post(t, h, soap.OpVerify, []byte(xsd)).(*soap.VerifyRes)
	if resp.Fault == nil || resp.Fault.Code != string(FaultSyntaxExtraXSD) || resp.Fault.ID != ente {
		t.Errorf("17-digit notice number: %+v, want %s with id %s", resp.Fault, FaultSyntaxExtraXSD, ente)
	}
	// paDemandPaymentNotice is the one primitive that reports schema
	// violations as PAA_SINTASSI_XSD.
	demand := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
		`<paf:paDemandPaymentNoticeRequest xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><idPA>77777777777</idPA>` +
		`<idBrokerPA>15376371009</idBrokerPA><idStation>15376371009_01</idStation><idServizio>00001</idServizio>` +
		`<datiSpecificiServizioRequest>not base64!</datiSpecificiServizioRequest></paf:paDemandPaymentNoticeRequest></soapenv:Body></soapenv:Envelope>`
	dres := post(t, h, soap.OpDemand, []byte(demand)).(*soap.DemandRes)
	if dres.Fault == nil || dres.Fault.Code != string(FaultSyntaxXSD) {
		t.Errorf("bad base64 in a demand: %+v, want %s", dres.Fault, FaultSyntaxXSD)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d, want 405", w.Code)
	}
}

// TestTolerantDecoding sends a verification the way other Nodo versions
// and tools write it: another namespace and prefix, elements the schema
// does not know yet, SOAPAction as a URI.
func TestTolerantDecoding(t *testing.T) {
	h, _ := newTestHandler(t)
	body := `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/><SOAP-ENV:Body>` +
		`<nfp:paVerifyPaymentNoticeReq xmlns:nfp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><idPA>77777777777</idPA>` +
		`<idBrokerPA>15376371009</idBrokerPA><idStation>15376371009_01</idStation><newField>added in 2027</newField>` +
		`<qrCode><fiscalCode>77777777777</fiscalCode><noticeNumber>302000000000000184</noticeNumber><extra/></qrCode>` +
		`</nfp:paVerifyPaymentNoticeReq></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("SOAPAction", "http://pagopa-api.pagopa.gov.it/paForNode/paVerifyPaymentNotice")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	resp, err := soap.DecodeResponse(w.Body, soap.OpVerify, soap.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if f := faultOf(t, resp); f != "" {
		t.Errorf("tolerant request: fault %s", f)
	}
}

func TestAudit(t *testing.T) {
	var logs bytes.Buffer
	h, _ := newTestHandler(t, WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	do(t, h, verifyReq(nav))
	do(t, h, verifyReq("302000000000000487"))
	do(t, h, receiptReq(true, "token-1", "02000000000000184", 13650))
	out := logs.String()
	for _, want := range []string{`"op":"paVerifyPaymentNotice"`, `"notice":"302000000000000184"`, `"outcome":"OK"`,
		`"fault":"PAA_PAGAMENTO_SCONOSCIUTO"`, `"op":"paSendRTV2"`, `"idPA":"77777777777"`} {
		if !strings.Contains(out, want) {
			t.Errorf("audit log lacks %s:\n%s", want, out)
		}
	}
	for _, personal := range []string{"Mario Rossi", "RSSMRA80A01H501U"} {
		if strings.Contains(out, personal) {
			t.Errorf("audit log contains personal data %q", personal)
		}
	}
}

// TestConcurrentActivations activates the same notice from many
// goroutines: every answer is the same and nothing changes in the store.
func TestConcurrentActivations(t *testing.T) {
	h, store := newTestHandler(t)
	before, _ := store.Position(context.Background(), ente, "TARI-2025-000184")
	first := do(t, h, paymentReq(true, nav))
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := do(t, h, paymentReq(true, nav)); !cmp.Equal(first, got) {
				t.Errorf("concurrent activation differs: %s", cmp.Diff(first, got))
			}
		}()
	}
	wg.Wait()
	after, _ := store.Position(context.Background(), ente, "TARI-2025-000184")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("activations changed the position:\n%s", diff)
	}
}
