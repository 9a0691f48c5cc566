package soap

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Values used by the tests: every operation, with every optional field
// set, and minimal variants.

func ptr[T any](v T) *T { return &v }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var testHeader = Header{IDPA: "01234567890", IDBrokerPA: "98765432109", IDStation: "98765432109_01"}

func testDebtor() Subject {
	return Subject{
		Type: "F", ID: "RSSMRA80A01H501U", FullName: "Mario Rossi", StreetName: "Via Roma",
		CivicNumber: "1/A", PostalCode: "00100", City: "Roma", StateProvinceRegion: "RM",
		Country: "IT", Email: "mario.rossi+pa@example.it",
	}
}

// mbd stands for an @e.bollo attachment: bytes that are not text.
var mbd = []byte("<marcaDaBollo>\x00\x01\xfe\xff</marcaDaBollo>")

func testReceipt(v2 bool) Receipt {
	r := Receipt{
		ReceiptID: "f43cf6263ddb47248222b039f6d1f1f5", NoticeNumber: "302000000000000184",
		FiscalCode: "01234567890", Outcome: "OK", CreditorReferenceID: "02000000000000184",
		PaymentAmount: 13650, Description: "TARI 2025 <rata unica> & \"saldo\"",
		CompanyName: "Comune di Esempio", OfficeName: "Ufficio Tributi",
		Debtor: testDebtor(),
		Payer:  &Subject{Type: "G", ID: "ANONYMOUS", FullName: "Società Pagante S.r.l."},
		Transfers: []ReceiptTransfer{
			{ID: 1, Amount: 12050, FiscalCodePA: "01234567890", IBAN: "IT60X0542811101000000123456",
				Remittance: "/RFB/02000000000000184/120.50/TXT/TARI", Category: "0101101IM",
				Metadata: []MapEntry{{Key: "DatiSpecificiRiscossione", Value: "9/0101101IM/"}}},
			{ID: 2, Amount: 1600, FiscalCodePA: "11111111111", IBAN: "IT60X0542811101000000654321",
				Remittance: "TEFA", Category: "0201102IM"},
		},
		IDPSP: "BCITITMM", PSPFiscalCode: "00799960158", PSPPartitaIVA: "00799960158",
		PSPCompanyName: "Intesa Sanpaolo S.p.A.", IDChannel: "00799960158_01", ChannelDescription: "app",
		PaymentMethod: "creditCard", Fee: ptr(int64(0)),
		PaymentDateTime: time.Date(2025, 3, 25, 17, 48, 22, 0, time.UTC),
		ApplicationDate: date(2025, 3, 25), TransferDate: date(2025, 3, 26),
		Metadata: []MapEntry{{Key: "k1", Value: "v1"}, {Key: "k2", Value: "v2"}},
		StandIn:  true,
	}
	if v2 {
		r.Transfers[1].IBAN = ""
		r.Transfers[1].MBD = mbd
		r.Transfers[1].CompanyName = "Agenzia delle Entrate"
		r.PaymentNote = "734b9b88-6186-4034-a79e-813efacf36a0"
		r.PrimaryCIIncurredFee = ptr(int64(35))
		r.IDBundle = "bundle-1"
		r.IDCIBundle = "ci-bundle-1"
		r.PaymentDateTime = time.Date(2025, 3, 25, 17, 48, 22, 123000000, time.UTC)
	}
	return r
}

// minimalReceipt has only the required elements.
func minimalReceipt() Receipt {
	return Receipt{
		ReceiptID: "", NoticeNumber: "302000000000000184", FiscalCode: "01234567890", Outcome: "OK",
		CreditorReferenceID: "02000000000000184", PaymentAmount: 0, Description: "d", CompanyName: "c",
		Debtor:    Subject{Type: "G", ID: "01", FullName: "x"},
		Transfers: []ReceiptTransfer{{ID: 5, Amount: 1, FiscalCodePA: "01234567890", IBAN: "I", Remittance: "r", Category: "c"}},
		IDPSP:     "p", PSPCompanyName: "p", IDChannel: "c", ChannelDescription: "c",
	}
}

type namedRequest struct {
	name string
	req  *Request
}

func testRequests() []namedRequest {
	return []namedRequest{
		{"verify", &Request{Op: OpVerify, Header: testHeader,
			Verify: &VerifyReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184"}}},
		{"getPayment/minimal", &Request{Op: OpGetPayment, Header: testHeader,
			Payment: &GetPaymentReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184"}}},
		{"getPayment/full", &Request{Op: OpGetPayment, Header: testHeader,
			Payment: &GetPaymentReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184",
				Amount: 13650, HasAmount: true, PaymentNote: "cart 1", TransferType: "POSTAL", DueDate: date(2025, 12, 31)}}},
		{"getPaymentV2/zero-amount", &Request{Op: OpGetPaymentV2, Header: testHeader,
			Payment: &GetPaymentReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184",
				HasAmount: true, TransferType: "PAGOPA"}}},
		{"sendRT/full", &Request{Op: OpSendRT, Header: testHeader, SendRT: &SendRTReq{Receipt: testReceipt(false)}}},
		{"sendRT/minimal", &Request{Op: OpSendRT, Header: testHeader, SendRT: &SendRTReq{Receipt: minimalReceipt()}}},
		{"sendRTV2/full", &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: testReceipt(true)}}},
		{"sendRTV2/minimal", &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: minimalReceipt()}}},
		{"demand", &Request{Op: OpDemand, Header: testHeader,
			Demand: &DemandReq{IDServizio: "00001", IDSoggettoServizio: "00002", DatiSpecificiServizio: []byte("<service/>")}}},
		{"demand/no-soggetto", &Request{Op: OpDemand, Header: testHeader,
			Demand: &DemandReq{IDServizio: "00001", DatiSpecificiServizio: []byte{}}}},
	}
}

type namedResponse struct {
	name string
	op   Operation
	res  any
}

var testFault = Fault{Code: "PAA_PAGAMENTO_SCONOSCIUTO", String: "Pagamento in attesa risulta sconosciuto all'Ente Creditore",
	ID: "01234567890", Description: "notice <302000000000000184> & co not found"}

func testPaymentData(v2 bool) *PaymentData {
	d := &PaymentData{
		CreditorReferenceID: "02000000000000184", PaymentAmount: 13650, DueDate: date(2025, 12, 31),
		RetentionDate: ptr(time.Date(2026, 1, 31, 23, 59, 59, 0, time.UTC)), LastPayment: ptr(false),
		Description: "TARI 2025 rata unica", CompanyName: "Comune di Esempio", OfficeName: "Ufficio Tributi",
		Debtor: testDebtor(),
		Transfers: []Transfer{
			{ID: 1, Amount: 12050, FiscalCodePA: "01234567890", IBAN: "IT60X0542811101000000123456",
				Remittance: "/RFB/02000000000000184/120.50/TXT/TARI 2025", Category: "0101101IM",
				Metadata: []MapEntry{{Key: "a", Value: "b"}}},
			{ID: 2, Amount: 1600, FiscalCodePA: "01234567890", IBAN: "IT60X0542811101000000654321",
				Remittance: "TEFA", Category: "0201102IM"},
		},
		Metadata: []MapEntry{{Key: "position", Value: "42"}},
	}
	if v2 {
		d.Transfers[0].CompanyName = "Comune di Esempio"
		d.Transfers[1].IBAN = ""
		d.Transfers[1].Stamp = &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", Province: "RM"}
	}
	return d
}

func testOption() *PaymentOption {
	return &PaymentOption{Amount: 13650, Options: "EQ", DueDate: date(2025, 12, 31),
		DetailDescription: "TARI 2025 rata unica", AllCCP: true}
}

func testResponses() []namedResponse {
	ko := testFault
	return []namedResponse{
		{"verify/ok", OpVerify, &VerifyRes{Outcome: "OK", Option: testOption(), PaymentDescription: "TARI 2025",
			FiscalCodePA: "01234567890", CompanyName: "Comune di Esempio", OfficeName: "Ufficio Tributi"}},
		{"verify/ok-minimal", OpVerify, &VerifyRes{Outcome: "OK",
			Option: &PaymentOption{Amount: 1, Options: "EQ"}}},
		{"verify/ko", OpVerify, FaultResponse(OpVerify, ko)},
		{"verify/ko-no-description", OpVerify, &VerifyRes{Outcome: "KO", Fault: &Fault{Code: "PAA_SYSTEM_ERROR", String: "Errore generico", ID: "01234567890"}}},
		{"getPayment/ok", OpGetPayment, &GetPaymentRes{Outcome: "OK", Data: testPaymentData(false)}},
		{"getPayment/ok-no-company", OpGetPayment, &GetPaymentRes{Outcome: "OK", Data: func() *PaymentData {
			d := testPaymentData(false)
			d.CompanyName, d.RetentionDate, d.LastPayment, d.Metadata = "", nil, nil, nil
			return d
		}()}},
		{"getPayment/ko", OpGetPayment, FaultResponse(OpGetPayment, ko)},
		{"getPaymentV2/ok-stamp", OpGetPaymentV2, &GetPaymentRes{V2: true, Outcome: "OK", Data: testPaymentData(true)}},
		{"getPaymentV2/ok-iban", OpGetPaymentV2, &GetPaymentRes{V2: true, Outcome: "OK", Data: testPaymentData(false)}},
		{"getPaymentV2/ko", OpGetPaymentV2, FaultResponse(OpGetPaymentV2, ko)},
		{"sendRT/ok", OpSendRT, &SendRTRes{Outcome: "OK"}},
		{"sendRT/ko", OpSendRT, FaultResponse(OpSendRT, Fault{Code: "PAA_RECEIPT_DUPLICATA", String: "Receipt duplicata", ID: "01234567890"})},
		{"sendRTV2/ok", OpSendRTV2, &SendRTRes{V2: true, Outcome: "OK"}},
		{"sendRTV2/ko", OpSendRTV2, FaultResponse(OpSendRTV2, ko)},
		{"demand/ok", OpDemand, &DemandRes{Outcome: "OK", QRFiscalCode: "01234567890", QRNoticeNumber: "302000000000000184",
			Option: testOption(), PaymentDescription: "Tassa", FiscalCodePA: "01234567890", CompanyName: "Comune", OfficeName: "Ufficio"}},
		{"demand/ok-minimal", OpDemand, &DemandRes{Outcome: "OK"}},
		{"demand/ko", OpDemand, FaultResponse(OpDemand, ko)},
	}
}

// encodeRequest and encodeResponse write a message or fail the test.
func encodeRequest(t testing.TB, req *Request) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteRequest(&b, req); err != nil {
		t.Fatalf("WriteRequest(%s): %v", req.Op, err)
	}
	return b.Bytes()
}

func encodeResponse(t testing.TB, res any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteResponse(&b, res); err != nil {
		t.Fatalf("WriteResponse(%T): %v", res, err)
	}
	return b.Bytes()
}

// envelope wraps a body in a SOAP envelope with the usual prefixes.
func envelope(body string) string {
	return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
		`xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><soapenv:Body>` +
		body + `</soapenv:Body></soapenv:Envelope>`
}

// verifyBody is the body of a paVerifyPaymentNoticeReq.
const verifyBody = `<pafn:paVerifyPaymentNoticeReq><idPA>01234567890</idPA><idBrokerPA>98765432109</idBrokerPA>` +
	`<idStation>98765432109_01</idStation><qrCode><fiscalCode>01234567890</fiscalCode>` +
	`<noticeNumber>302000000000000184</noticeNumber></qrCode></pafn:paVerifyPaymentNoticeReq>`

var wantVerify = &Request{Op: OpVerify, Header: testHeader,
	Verify: &VerifyReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184"}}

// wrapperOf returns the wrapper element of an encoded message, with its
// namespace declaration: a standalone document.
func wrapperOf(t testing.TB, msg []byte) []byte {
	t.Helper()
	s := string(msg)
	i := strings.Index(s, "<paf:")
	j := strings.LastIndex(s, "</paf:")
	if i < 0 || j < 0 {
		t.Fatalf("no paf: wrapper in %s", msg)
	}
	k := strings.Index(s[j:], ">")
	return []byte(s[i : j+k+1])
}
