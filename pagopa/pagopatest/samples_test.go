package pagopatest_test

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// TestConformanceSamples posts the official sample requests of
// PAGOKIT_SPECS/pagopa/samples to a Handler configured with the samples'
// broker, station and ente, and checks the outcome SOURCES.md leads to
// expect.
func TestConformanceSamples(t *testing.T) {
	cfg := pagopa.Config{BrokerID: "77777777777", Stations: []pagopa.Station{
		{ID: "77777777777_01", AuxDigit: 3, SegregationCode: "02", PrimitiveVersion: 2,
			Enti: []pagopa.Ente{{FiscalCode: "77777777777", CompanyName: "Ente di prova"}}},
	}}
	store := pagopa.NewMemoryStore()
	h, err := pagopa.NewHandler(cfg, store)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	nodo := &pagopatest.Nodo{URL: srv.URL}
	// The V2 sample comes from another broker (15376371009): a second
	// endpoint configured for it.
	cfg2 := pagopa.Config{BrokerID: "15376371009", Stations: []pagopa.Station{
		{ID: "15376371009_48", AuxDigit: 3, SegregationCode: "48", PrimitiveVersion: 2,
			Enti: []pagopa.Ente{{FiscalCode: "15376371009", CompanyName: "Ente di prova"}}},
	}}
	h2, err := pagopa.NewHandler(cfg2, store)
	if err != nil {
		t.Fatal(err)
	}
	srv2 := httptest.NewServer(h2)
	defer srv2.Close()

	tests := []struct {
		file, op string
		nodo     *pagopatest.Nodo
		want     string // "" for OK, else the fault code
	}{
		// Wrong namespace on the wrapper (tolerated); the notice number
		// has a wrong check digit, so it is no notice of ours.
		{"paVerifyPaymentNoticeReq_avv1.xml", "paVerifyPaymentNotice", nodo, "PAA_PAGAMENTO_SCONOSCIUTO"},
		{"paGetPaymentReq_avv1.xml", "paGetPayment", nodo, "PAA_PAGAMENTO_SCONOSCIUTO"},
		// A receipt for a notice this ente does not know: stored (the
		// money has moved) and acknowledged.
		{"paSendRTReq_avv4.xml", "paSendRT", nodo, ""},
		// Invalid against the schema (entityUniqueIdentifierType M, an empty
		// companyName, MBDAttachment not base64): a syntax fault.
		{"paSendRTV2Request.xml", "paSendRTV2", &pagopatest.Nodo{URL: srv2.URL}, "PAA_SINTASSI_EXTRAXSD"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(testenv.Specs(t, "pagopa", "samples", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := tt.nodo.Post(context.Background(), tt.op, body)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if resp.Fault != nil {
				got = resp.Fault.Code
			}
			if got != tt.want {
				t.Errorf("outcome %s %+v, want %q", resp.Outcome, resp.Fault, tt.want)
			}
		})
	}

	// The samples' notice number with its check digit corrected (51, see
	// SOURCES.md) and a position for it: the activation sample is then
	// accepted as it is.
	p := position("SAMPLE", "02009921337126051", 12000, false)
	p.Organization = "77777777777"
	if err := store.CreatePosition(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ file, op string }{
		{"paVerifyPaymentNoticeReq_avv1.xml", "paVerifyPaymentNotice"},
		{"paGetPaymentReq_avv1.xml", "paGetPayment"},
	} {
		body, err := os.ReadFile(testenv.Specs(t, "pagopa", "samples", f.file))
		if err != nil {
			t.Fatal(err)
		}
		body = []byte(strings.Replace(string(body), "302009921337126000", "302009921337126051", 1))
		resp, err := nodo.Post(context.Background(), f.op, body)
		if err != nil || resp.Outcome != "OK" {
			t.Errorf("%s with the corrected notice number: %+v, %v; want OK", f.file, resp, err)
		}
	}

	r, err := store.Receipt(context.Background(), "77777777777", "f43cf6263ddb47248222b039f6d1f1f5")
	if err != nil {
		t.Fatalf("the sample receipt was not stored: %v", err)
	}
	if r.Amount != 1000 || len(r.Anomalies) != 1 || r.Anomalies[0] != pagopa.UnknownPosition || !strings.HasPrefix(string(r.Raw), "<receipt") {
		t.Errorf("stored sample receipt: amount %d, anomalies %v", r.Amount, r.Anomalies)
	}
}
