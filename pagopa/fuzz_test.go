package pagopa

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// FuzzHandler posts arbitrary bodies: the Handler must answer HTTP 200
// with a SOAP response of the operation's type (or a verification's for
// an unknown one), never panic, and leave the store consistent.
func FuzzHandler(f *testing.F) {
	for _, req := range []*soap.Request{verifyReq(nav), paymentReq(true, nav), paymentReq(false, "302000000000000285"),
		receiptReq(true, "t1", "02000000000000184", 13650), receiptReq(false, "t2", "02000000000000285", 6825)} {
		var b bytes.Buffer
		if err := soap.WriteRequest(&b, req); err != nil {
			f.Fatal(err)
		}
		f.Add(string(req.Op), b.Bytes())
	}
	f.Add("", []byte("<x/>"))
	h, store := newTestHandler(f)
	f.Fuzz(func(t *testing.T, action string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("SOAPAction", action)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Fatalf("HTTP %d", w.Code)
		}
		ok := false
		for _, op := range []soap.Operation{soap.OpVerify, soap.OpGetPayment, soap.OpGetPaymentV2, soap.OpSendRT, soap.OpSendRTV2, soap.OpDemand} {
			if _, err := soap.DecodeResponse(bytes.NewReader(w.Body.Bytes()), op, soap.DefaultLimits); err == nil {
				ok = true
				break
			}
		}
		if !ok {
			t.Fatalf("the answer is not a paForNode response:\n%s", w.Body)
		}
		p, err := store.Position(t.Context(), ente, "TARI-2025-000184")
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("the stored position became invalid: %v", err)
		}
	})
}
