package soap

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

// benchReceipt is a paSendRTV2 receipt with a stamp transfer whose
// MBDAttachment is 3 KiB, about the size of a signed MarcaDaBollo.
func benchReceipt() Receipt {
	r := testReceipt(true)
	r.Transfers[1].MBD = bytes.Repeat([]byte("<ds:SignatureValue>0123456789abcdef</ds:SignatureValue>\n"), 54)
	return r
}

func benchMessages(b *testing.B) (verify, getPaymentV2, sendRTV2 []byte) {
	verify = encodeRequest(b, wantVerify)
	getPaymentV2 = encodeRequest(b, &Request{Op: OpGetPaymentV2, Header: testHeader,
		Payment: &GetPaymentReq{FiscalCode: "01234567890", NoticeNumber: "302000000000000184", Amount: 13650, HasAmount: true}})
	sendRTV2 = encodeRequest(b, &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: benchReceipt()}})
	return
}

var (
	benchVerifyRes     = &VerifyRes{Outcome: "OK", Option: testOption(), PaymentDescription: "TARI 2025", FiscalCodePA: "01234567890", CompanyName: "Comune di Esempio"}
	benchGetPaymentRes = &GetPaymentRes{V2: true, Outcome: "OK", Data: testPaymentData(true)}
	benchSendRTRes     = &SendRTRes{V2: true, Outcome: "OK"}
)

func benchDecode(b *testing.B, msg []byte, action string) {
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRequest(bytes.NewReader(msg), action, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEncode(b *testing.B, res any) {
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteResponse(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeVerify(b *testing.B) {
	v, _, _ := benchMessages(b)
	benchDecode(b, v, `"paVerifyPaymentNotice"`)
}

func BenchmarkDecodeGetPaymentV2(b *testing.B) {
	_, g, _ := benchMessages(b)
	benchDecode(b, g, `"paGetPaymentV2"`)
}

func BenchmarkDecodeSendRTV2(b *testing.B) {
	_, _, s := benchMessages(b)
	benchDecode(b, s, `"paSendRTV2"`)
}

func BenchmarkEncodeVerify(b *testing.B)       { benchEncode(b, benchVerifyRes) }
func BenchmarkEncodeGetPaymentV2(b *testing.B) { benchEncode(b, benchGetPaymentRes) }
func BenchmarkEncodeSendRTV2(b *testing.B)     { benchEncode(b, benchSendRTRes) }

func BenchmarkWriteRequestSendRTV2(b *testing.B) {
	req := &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: benchReceipt()}}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteRequest(io.Discard, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeResponseGetPaymentV2(b *testing.B) {
	msg := encodeResponse(b, benchGetPaymentRes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeResponse(bytes.NewReader(msg), OpGetPaymentV2, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}

// The handler's codec work for one call: decode the request, write the
// response. Compare with the Floor benchmarks.

func BenchmarkHandlerVerify(b *testing.B) {
	v, _, _ := benchMessages(b)
	benchHandler(b, v, benchVerifyRes)
}

func BenchmarkHandlerGetPaymentV2(b *testing.B) {
	_, g, _ := benchMessages(b)
	benchHandler(b, g, benchGetPaymentRes)
}

func BenchmarkHandlerSendRTV2(b *testing.B) {
	_, _, s := benchMessages(b)
	benchHandler(b, s, benchSendRTRes)
}

func benchHandler(b *testing.B, msg []byte, res any) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRequest(bytes.NewReader(msg), "", DefaultLimits); err != nil {
			b.Fatal(err)
		}
		if err := WriteResponse(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
}

// The floor: the same messages with plain encoding/xml and struct tags,
// strings only (no value is checked or converted).

type floorEnvelope[T any] struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Body    struct {
		Content T `xml:",any"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

type floorHeader struct {
	IDPA       string `xml:"idPA"`
	IDBrokerPA string `xml:"idBrokerPA"`
	IDStation  string `xml:"idStation"`
}

type floorQR struct {
	FiscalCode   string `xml:"fiscalCode"`
	NoticeNumber string `xml:"noticeNumber"`
}

type floorVerifyReq struct {
	floorHeader
	QRCode floorQR `xml:"qrCode"`
}

type floorGetPaymentReq struct {
	floorHeader
	QRCode       floorQR `xml:"qrCode"`
	Amount       string  `xml:"amount,omitempty"`
	PaymentNote  string  `xml:"paymentNote,omitempty"`
	TransferType string  `xml:"transferType,omitempty"`
	DueDate      string  `xml:"dueDate,omitempty"`
}

type floorEntry struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

type floorSubject struct {
	Type        string `xml:"uniqueIdentifier>entityUniqueIdentifierType"`
	ID          string `xml:"uniqueIdentifier>entityUniqueIdentifierValue"`
	FullName    string `xml:"fullName"`
	StreetName  string `xml:"streetName,omitempty"`
	CivicNumber string `xml:"civicNumber,omitempty"`
	PostalCode  string `xml:"postalCode,omitempty"`
	City        string `xml:"city,omitempty"`
	State       string `xml:"stateProvinceRegion,omitempty"`
	Country     string `xml:"country,omitempty"`
	Email       string `xml:"e-mail,omitempty"`
}

type floorReceiptTransfer struct {
	ID           string       `xml:"idTransfer"`
	Amount       string       `xml:"transferAmount"`
	FiscalCodePA string       `xml:"fiscalCodePA"`
	CompanyName  string       `xml:"companyName,omitempty"`
	IBAN         string       `xml:"IBAN,omitempty"`
	MBD          []byte       `xml:"MBDAttachment,omitempty"`
	Remittance   string       `xml:"remittanceInformation"`
	Category     string       `xml:"transferCategory"`
	Metadata     []floorEntry `xml:"metadata>mapEntry,omitempty"`
}

type floorSendRTV2Req struct {
	floorHeader
	Receipt struct {
		ReceiptID, NoticeNumber, FiscalCode, Outcome, CreditorReferenceID, PaymentAmount string
		Description, CompanyName, OfficeName                                             string
		Debtor                                                                           floorSubject           `xml:"debtor"`
		Transfers                                                                        []floorReceiptTransfer `xml:"transferList>transfer"`
		IDPSP, PSPFiscalCode, PSPPartitaIVA, PSPCompanyName, IDChannel                   string
		ChannelDescription                                                               string
		Payer                                                                            *floorSubject `xml:"payer"`
		PaymentMethod, PaymentNote, Fee, PrimaryCiIncurredFee, IDBundle, IDCiBundle      string
		PaymentDateTime, ApplicationDate, TransferDate                                   string
		Metadata                                                                         []floorEntry `xml:"metadata>mapEntry"`
		StandIn                                                                          string
	} `xml:"receipt"`
}

type floorOption struct {
	Amount            string `xml:"amount"`
	Options           string `xml:"options"`
	DueDate           string `xml:"dueDate,omitempty"`
	DetailDescription string `xml:"detailDescription,omitempty"`
	AllCCP            bool   `xml:"allCCP"`
}

type floorVerifyRes struct {
	XMLName            xml.Name    `xml:"http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd paVerifyPaymentNoticeRes"`
	Outcome            string      `xml:"outcome"`
	Option             floorOption `xml:"paymentList>paymentOptionDescription"`
	PaymentDescription string      `xml:"paymentDescription,omitempty"`
	FiscalCodePA       string      `xml:"fiscalCodePA,omitempty"`
	CompanyName        string      `xml:"companyName,omitempty"`
	OfficeName         string      `xml:"officeName,omitempty"`
}

type floorStamp struct {
	HashDocumento      string `xml:"hashDocumento"`
	TipoBollo          string `xml:"tipoBollo"`
	ProvinciaResidenza string `xml:"provinciaResidenza"`
}

type floorTransfer struct {
	ID           string       `xml:"idTransfer"`
	Amount       string       `xml:"transferAmount"`
	FiscalCodePA string       `xml:"fiscalCodePA"`
	CompanyName  string       `xml:"companyName,omitempty"`
	IBAN         string       `xml:"IBAN,omitempty"`
	Stamp        *floorStamp  `xml:"richiestaMarcaDaBollo"`
	Remittance   string       `xml:"remittanceInformation"`
	Category     string       `xml:"transferCategory"`
	Metadata     []floorEntry `xml:"metadata>mapEntry,omitempty"`
}

type floorGetPaymentV2Res struct {
	XMLName xml.Name `xml:"http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd paGetPaymentV2Response"`
	Outcome string   `xml:"outcome"`
	Data    struct {
		CreditorReferenceID string          `xml:"creditorReferenceId"`
		PaymentAmount       string          `xml:"paymentAmount"`
		DueDate             string          `xml:"dueDate"`
		RetentionDate       string          `xml:"retentionDate,omitempty"`
		LastPayment         string          `xml:"lastPayment,omitempty"`
		Description         string          `xml:"description"`
		CompanyName         string          `xml:"companyName"`
		OfficeName          string          `xml:"officeName,omitempty"`
		Debtor              floorSubject    `xml:"debtor"`
		Transfers           []floorTransfer `xml:"transferList>transfer"`
		Metadata            []floorEntry    `xml:"metadata>mapEntry,omitempty"`
	} `xml:"data"`
}

type floorSendRTRes struct {
	XMLName xml.Name `xml:"http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd paSendRTV2Response"`
	Outcome string   `xml:"outcome"`
}

type floorOut[T any] struct {
	XMLName xml.Name `xml:"soapenv:Envelope"`
	NS      string   `xml:"xmlns:soapenv,attr"`
	Body    struct {
		Content T // named by T's XMLName
	} `xml:"soapenv:Body"`
}

func benchFloor[Req, Res any](b *testing.B, msg []byte, res Res) {
	b.ReportAllocs()
	for b.Loop() {
		var env floorEnvelope[Req]
		if err := xml.NewDecoder(bytes.NewReader(msg)).Decode(&env); err != nil {
			b.Fatal(err)
		}
		out := floorOut[Res]{NS: NSEnvelope}
		out.Body.Content = res
		if err := xml.NewEncoder(io.Discard).Encode(&out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFloorVerify(b *testing.B) {
	v, _, _ := benchMessages(b)
	res := floorVerifyRes{Outcome: "OK", Option: floorOption{Amount: "136.50", Options: "EQ", DueDate: "2025-12-31",
		DetailDescription: "TARI 2025 rata unica", AllCCP: true}, PaymentDescription: "TARI 2025",
		FiscalCodePA: "01234567890", CompanyName: "Comune di Esempio"}
	benchFloor[floorVerifyReq](b, v, res)
}

func BenchmarkFloorGetPaymentV2(b *testing.B) {
	_, g, _ := benchMessages(b)
	var res floorGetPaymentV2Res
	res.Outcome = "OK"
	d := testPaymentData(true)
	res.Data.CreditorReferenceID, res.Data.PaymentAmount, res.Data.DueDate = d.CreditorReferenceID, "136.50", "2025-12-31"
	res.Data.RetentionDate, res.Data.LastPayment = "2026-01-31T23:59:59", "false"
	res.Data.Description, res.Data.CompanyName, res.Data.OfficeName = d.Description, d.CompanyName, d.OfficeName
	res.Data.Debtor = floorSubject{Type: "F", ID: d.Debtor.ID, FullName: d.Debtor.FullName, StreetName: d.Debtor.StreetName,
		CivicNumber: d.Debtor.CivicNumber, PostalCode: d.Debtor.PostalCode, City: d.Debtor.City, State: d.Debtor.StateProvinceRegion,
		Country: d.Debtor.Country, Email: d.Debtor.Email}
	res.Data.Transfers = []floorTransfer{
		{ID: "1", Amount: "120.50", FiscalCodePA: "01234567890", CompanyName: "Comune di Esempio", IBAN: d.Transfers[0].IBAN,
			Remittance: d.Transfers[0].Remittance, Category: d.Transfers[0].Category, Metadata: []floorEntry{{"a", "b"}}},
		{ID: "2", Amount: "16.00", FiscalCodePA: "01234567890", Stamp: &floorStamp{d.Transfers[1].Stamp.HashDocument, "01", "RM"},
			Remittance: "TEFA", Category: "0201102IM"},
	}
	res.Data.Metadata = []floorEntry{{"position", "42"}}
	benchFloor[floorGetPaymentReq](b, g, res)
}

func BenchmarkFloorSendRTV2(b *testing.B) {
	_, _, s := benchMessages(b)
	benchFloor[floorSendRTV2Req](b, s, floorSendRTRes{Outcome: "OK"})
}
