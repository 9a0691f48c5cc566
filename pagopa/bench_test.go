package pagopa

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// The benchmarks put the Handler next to its "floor": decoding the same
// request and encoding the same response with plain encoding/xml and no
// checks, store or logging. BENCHMARKS.md compares them.

type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

func benchHandler(b *testing.B, req *soap.Request) {
	h, _ := newTestHandler(b)
	var body bytes.Buffer
	if err := soap.WriteRequest(&body, req); err != nil {
		b.Fatal(err)
	}
	// One request to check it is answered OK.
	rec := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body.Bytes()))
	h.ServeHTTP(rec, r)
	if !bytes.Contains(rec.Body.Bytes(), []byte("<outcome>OK</outcome>")) {
		b.Fatalf("the benchmark request is not answered OK:\n%s", rec.Body)
	}
	rd := bytes.NewReader(body.Bytes())
	r = httptest.NewRequest(http.MethodPost, "/", rd)
	r.Header.Set("SOAPAction", string(req.Op))
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	b.SetBytes(int64(body.Len()))
	for b.Loop() {
		rd.Reset(body.Bytes())
		h.ServeHTTP(w, r)
	}
}

func BenchmarkHandlerVerify(b *testing.B) { benchHandler(b, verifyReq(nav)) }

func BenchmarkHandlerGetPaymentV2(b *testing.B) { benchHandler(b, paymentReq(true, nav)) }

// Floor types: the same messages as plain encoding/xml structs.
type floorQR struct {
	FiscalCode   string `xml:"fiscalCode"`
	NoticeNumber string `xml:"noticeNumber"`
}

type floorRequest struct {
	XMLName xml.Name `xml:"Envelope"`
	Body    struct {
		Verify *struct {
			IDPA       string  `xml:"idPA"`
			IDBrokerPA string  `xml:"idBrokerPA"`
			IDStation  string  `xml:"idStation"`
			QR         floorQR `xml:"qrCode"`
		} `xml:"paVerifyPaymentNoticeReq"`
		Payment *struct {
			IDPA       string  `xml:"idPA"`
			IDBrokerPA string  `xml:"idBrokerPA"`
			IDStation  string  `xml:"idStation"`
			QR         floorQR `xml:"qrCode"`
			Amount     string  `xml:"amount"`
		} `xml:"paGetPaymentV2Request"`
	} `xml:"Body"`
}

type floorOption struct {
	Amount            string `xml:"amount"`
	Options           string `xml:"options"`
	DueDate           string `xml:"dueDate"`
	DetailDescription string `xml:"detailDescription"`
	AllCCP            bool   `xml:"allCCP"`
}

type floorVerifyRes struct {
	XMLName            xml.Name    `xml:"paf:paVerifyPaymentNoticeRes"`
	NS                 string      `xml:"xmlns:paf,attr"`
	Outcome            string      `xml:"outcome"`
	Option             floorOption `xml:"paymentList>paymentOptionDescription"`
	PaymentDescription string      `xml:"paymentDescription"`
	FiscalCodePA       string      `xml:"fiscalCodePA"`
	CompanyName        string      `xml:"companyName"`
	OfficeName         string      `xml:"officeName"`
}

type floorTransfer struct {
	IDTransfer     int    `xml:"idTransfer"`
	TransferAmount string `xml:"transferAmount"`
	FiscalCodePA   string `xml:"fiscalCodePA"`
	CompanyName    string `xml:"companyName,omitempty"`
	IBAN           string `xml:"IBAN"`
	Remittance     string `xml:"remittanceInformation"`
	Category       string `xml:"transferCategory"`
	Metadata       []struct {
		Key   string `xml:"key"`
		Value string `xml:"value"`
	} `xml:"metadata>mapEntry,omitempty"`
}

type floorPaymentRes struct {
	XMLName xml.Name `xml:"paf:paGetPaymentV2Response"`
	NS      string   `xml:"xmlns:paf,attr"`
	Outcome string   `xml:"outcome"`
	Data    struct {
		CreditorReferenceID string `xml:"creditorReferenceId"`
		PaymentAmount       string `xml:"paymentAmount"`
		DueDate             string `xml:"dueDate"`
		Description         string `xml:"description"`
		CompanyName         string `xml:"companyName"`
		OfficeName          string `xml:"officeName"`
		Debtor              struct {
			Type     string `xml:"uniqueIdentifier>entityUniqueIdentifierType"`
			Value    string `xml:"uniqueIdentifier>entityUniqueIdentifierValue"`
			FullName string `xml:"fullName"`
		} `xml:"debtor"`
		Transfers []floorTransfer `xml:"transferList>transfer"`
	} `xml:"data"`
}

type floorEnvelope struct {
	XMLName xml.Name `xml:"soapenv:Envelope"`
	NS      string   `xml:"xmlns:soapenv,attr"`
	Body    any      `xml:"soapenv:Body"`
}

func benchFloor(b *testing.B, req *soap.Request, resp any) {
	var body bytes.Buffer
	if err := soap.WriteRequest(&body, req); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	b.ReportAllocs()
	b.SetBytes(int64(body.Len()))
	for b.Loop() {
		var r floorRequest
		if err := xml.Unmarshal(body.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		out.Reset()
		env := floorEnvelope{NS: soap.NSEnvelope, Body: resp}
		if err := xml.NewEncoder(&out).Encode(&env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFloorVerify(b *testing.B) {
	benchFloor(b, verifyReq(nav), &floorVerifyRes{
		NS: soap.NSPaForNode, Outcome: "OK",
		Option:             floorOption{Amount: "136.50", Options: "EQ", DueDate: "2025-12-31", DetailDescription: "TARI 2025 rata unica"},
		PaymentDescription: "TARI 2025 rata unica", FiscalCodePA: ente, CompanyName: "Comune di Esempio", OfficeName: "Ufficio Tributi",
	})
}

func BenchmarkFloorGetPaymentV2(b *testing.B) {
	res := &floorPaymentRes{NS: soap.NSPaForNode, Outcome: "OK"}
	d := &res.Data
	d.CreditorReferenceID, d.PaymentAmount, d.DueDate = "02000000000000184", "136.50", "2025-12-31"
	d.Description, d.CompanyName, d.OfficeName = "TARI 2025 rata unica", "Comune di Esempio", "Ufficio Tributi"
	d.Debtor.Type, d.Debtor.Value, d.Debtor.FullName = "F", "RSSMRA80A01H501U", "Mario Rossi"
	t2 := floorTransfer{IDTransfer: 2, TransferAmount: "16.00", FiscalCodePA: "80016350821", CompanyName: "Provincia di Esempio",
		IBAN: "IT60X0542811101000000123456", Remittance: "TEFA 2025", Category: "0201102IM"}
	t2.Metadata = append(t2.Metadata, struct {
		Key   string `xml:"key"`
		Value string `xml:"value"`
	}{"anno", "2025"})
	d.Transfers = []floorTransfer{{IDTransfer: 1, TransferAmount: "120.50", FiscalCodePA: ente, IBAN: "IT60X0542811101000000123456",
		Remittance: "TARI 2025", Category: "0101101IM"}, t2}
	benchFloor(b, paymentReq(true, nav), res)
}
