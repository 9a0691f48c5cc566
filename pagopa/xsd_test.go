package pagopa

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// TestConformanceHandlerResponses sends the Handler requests that make it
// answer every kind of response (OK and each fault, V1 and V2, with and
// without stamps) and validates each body with xmllint against
// paForNode.xsd.
func TestConformanceHandlerResponses(t *testing.T) {
	xsd := testenv.Specs(t, "pagopa", "pagopa-api", "wsdl", "xsd", "paForNode.xsd")
	xmllint := testenv.Tool(t, "xmllint", "libxml2-utils")

	catalog := ServiceCatalog{"00001": func(context.Context, DemandRequest) (*Position, error) {
		return &Position{IUPD: "D1", Type: LegalPerson, FiscalCode: "80016350821", FullName: "Ditta Srl", CompanyName: "Comune di Esempio",
			Options: []Option{{IUV: "02000000000000487", Amount: 5000, Description: "Permesso", DueDate: testNow.AddDate(0, 1, 0),
				Transfers: []Transfer{{ID: 1, Amount: 5000, Remittance: "Permesso", Category: "0101101IM", IBAN: "IT60X0542811101000000123456"}}}}}, nil
	}}
	h, store := newTestHandler(t, WithDemand(catalog.Demand))
	// Option 1 (302000000000000285) gets a stamp: V2 only.
	store.UpdatePosition(context.Background(), ente, "TARI-2025-000184", func(p *Position) error {
		o := &p.Options[1]
		o.Transfers = []Transfer{
			{ID: 1, Amount: 5225, Remittance: "TARI", Category: "0101101IM", IBAN: "IT60X0542811101000000123456", Metadata: []MapEntry{{"k", "v"}}},
			{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
				Stamp: &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}},
		}
		return nil
	})
	demand := &soap.Request{Op: soap.OpDemand, Header: header(), Demand: &soap.DemandReq{IDServizio: "00001", IDSoggettoServizio: "00001", DatiSpecificiServizio: []byte("<service/>")}}
	unknownDemand := &soap.Request{Op: soap.OpDemand, Header: header(), Demand: &soap.DemandReq{IDServizio: "99999", IDSoggettoServizio: "00001", DatiSpecificiServizio: []byte("<service/>")}}
	wrongBroker := verifyReq(nav)
	wrongBroker.Header.IDBrokerPA = "00000000000"
	v1Stamp := paymentReq(false, "302000000000000285")
	requests := []struct {
		name string
		req  *soap.Request
	}{
		{"verify OK", verifyReq(nav)},
		{"verify unknown", verifyReq("302000000000000992")},
		{"verify wrong broker", wrongBroker},
		{"getPayment V1 OK", paymentReq(false, nav)},
		{"getPayment V1 stamp KO", v1Stamp},
		{"getPayment V2 OK", paymentReq(true, nav)},
		{"getPayment V2 stamp OK", paymentReq(true, "302000000000000285")},
		{"sendRT V1 OK", receiptReq(false, "t1", "02000000000000386", 6825)},
		{"sendRT V2 OK", receiptReq(true, "t2", "02000000000000184", 13650)},
		{"verify paid", verifyReq(nav)},
		{"getPayment V2 paid", paymentReq(true, nav)},
		{"demand OK", demand},
		{"demand unknown", unknownDemand},
	}
	dir := t.TempDir()
	args := []string{"--noout", "--schema", xsd}
	names := map[string]string{}
	for i, rq := range requests {
		var body bytes.Buffer
		if err := soap.WriteRequest(&body, rq.req); err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "/", &body)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		out := w.Body.String()
		start := strings.Index(out, "<soapenv:Body>")
		end := strings.LastIndex(out, "</soapenv:Body>")
		if start < 0 || end < start {
			t.Fatalf("%s: no SOAP body in\n%s", rq.name, out)
		}
		f := filepath.Join(dir, fmt.Sprintf("r%02d.xml", i))
		if err := os.WriteFile(f, []byte(out[start+len("<soapenv:Body>"):end]), 0o600); err != nil {
			t.Fatal(err)
		}
		names[f] = rq.name
		args = append(args, f)
	}
	out, _ := exec.Command(xmllint, args...).CombinedOutput()
	validated := 0
	for _, line := range strings.Split(string(out), "\n") {
		if f, ok := strings.CutSuffix(line, " validates"); ok && names[f] != "" {
			validated++
			delete(names, f)
		}
	}
	for f, name := range names {
		body, _ := os.ReadFile(f)
		t.Errorf("%s: the response does not validate:\n%s\n%s", name, body, out)
	}
	if validated != len(requests) {
		t.Errorf("%d of %d responses validated", validated, len(requests))
	}
}
