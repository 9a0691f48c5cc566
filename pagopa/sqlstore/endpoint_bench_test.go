package sqlstore_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa"
)

type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkEndpointVerify runs paVerifyPaymentNotice through a Handler on
// a SQLite store of 1,000 positions, from GOMAXPROCS goroutines, without
// the network: the endpoint's own CPU per verification.
func BenchmarkEndpointVerify(b *testing.B) {
	s := sqliteBackend.store(b)
	const n = 1000
	var bodies [][]byte
	for i := range n {
		p := benchPosition(i)
		num, err := notice.Build(notice.Parts{AuxDigit: 3, SegregationCode: "02", Base: fmt.Sprintf("%013d", i+1)})
		if err != nil {
			b.Fatal(err)
		}
		p.Options[0].IUV = num.IUV()
		if err := s.CreatePosition(b.Context(), p); err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, []byte(fmt.Sprintf(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><paf:paVerifyPaymentNoticeReq xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><idPA>77777777777</idPA><idBrokerPA>15376371009</idBrokerPA><idStation>15376371009_01</idStation><qrCode><fiscalCode>77777777777</fiscalCode><noticeNumber>%s</noticeNumber></qrCode></paf:paVerifyPaymentNoticeReq></soapenv:Body></soapenv:Envelope>`, num)))
	}
	cfg := pagopa.Config{BrokerID: "15376371009", Stations: []pagopa.Station{{ID: "15376371009_01", AuxDigit: 3, SegregationCode: "02",
		PrimitiveVersion: 2, Enti: []pagopa.Ente{{FiscalCode: "77777777777", CompanyName: "Comune di Prova"}}}}}
	h, err := pagopa.NewHandler(cfg, s)
	if err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(bodies[0])))
	if !bytes.Contains(rec.Body.Bytes(), []byte("<outcome>OK</outcome>")) {
		b.Fatalf("not OK:\n%s", rec.Body)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discard{h: http.Header{}}
		rd := bytes.NewReader(nil)
		r := httptest.NewRequest(http.MethodPost, "/", rd)
		i := 0
		for pb.Next() {
			rd.Reset(bodies[i%n])
			h.ServeHTTP(w, r)
			i++
		}
	})
}
