package soap

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// baseRequest returns the encoded test request called name.
func baseRequest(t testing.TB, name string) string {
	t.Helper()
	for _, r := range testRequests() {
		if r.name == name {
			return string(encodeRequest(t, r.req))
		}
	}
	t.Fatalf("no test request %q", name)
	return ""
}

// replace returns a mutation replacing the first old with new.
func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("mutation: " + old + " not found")
		}
		return strings.Replace(s, old, new, 1)
	}
}

// between returns the first substring of s from start to end, inclusive.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	j := strings.Index(s[i:], end)
	return s[i : i+j+len(end)]
}

// repeat returns a mutation that inserts n more copies of the first
// element from start to end after it.
func repeat(start, end string, n int) func(string) string {
	return func(s string) string {
		el := between(s, start, end)
		return strings.Replace(s, el, strings.Repeat(el, n+1), 1)
	}
}

// invalidRequests are XSD violations: DecodeRequest must refuse them with
// FaultXSD, the Field and the reason given, and xmllint must refuse them
// too (TestConformanceInvalid).
var invalidRequests = []struct {
	name   string
	base   string // a testRequests name
	mutate func(string) string
	value  string // a value that must not appear in the error message
	field  string
	err    error
}{
	{"notice number 17 digits", "verify", replace("<noticeNumber>302000000000000184<", "<noticeNumber>30200000000000018<"),
		"30200000000000018", "qrCode/noticeNumber", errPattern},
	{"fiscal code with letter", "verify", replace("<fiscalCode>01234567890<", "<fiscalCode>0123456789X<"),
		"0123456789X", "qrCode/fiscalCode", errPattern},
	{"fiscal code with spaces", "verify", replace("<fiscalCode>01234567890<", "<fiscalCode> 01234567890 <"),
		"", "qrCode/fiscalCode", errPattern},
	{"idPA empty", "verify", replace("<idPA>01234567890</idPA>", "<idPA></idPA>"), "", "idPA", errLength},
	{"idStation 36 characters", "verify", replace("<idStation>98765432109_01<", "<idStation>"+strings.Repeat("s", 36)+"<"),
		strings.Repeat("s", 36), "idStation", errLength},
	{"qrCode missing", "verify", replace(verifyQR, ""), "", "qrCode", errMissing},
	{"noticeNumber missing", "verify", replace("<noticeNumber>302000000000000184</noticeNumber>", ""), "", "qrCode/noticeNumber", errMissing},
	{"idPA repeated", "verify", repeat("<idPA>", "</idPA>", 1), "", "idPA", errDuplicate},
	{"element in a simple value", "verify", replace("<idPA>01234567890<", "<idPA>0123<b/>4567890<"), "", "idPA", errNotSimple},
	{"amount one decimal", "getPayment/full", replace("<amount>136.50<", "<amount>136.5<"), "136.5", "amount", errAmount},
	{"amount comma", "getPayment/full", replace("<amount>136.50<", "<amount>136,50<"), "136,50", "amount", errAmount},
	{"amount negative", "getPayment/full", replace("<amount>136.50<", "<amount>-136.50<"), "-136.50", "amount", errAmount},
	{"amount too large", "getPayment/full", replace("<amount>136.50<", "<amount>1000000000.00<"), "1000000000.00", "amount", errAmountRange},
	{"transferType lower case", "getPayment/full", replace("<transferType>POSTAL<", "<transferType>postal<"), "postal", "transferType", errEnum},
	{"dueDate 30 February", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>2025-02-30<"), "2025-02-30", "dueDate", errDate},
	{"dueDate with time", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>2025-12-31T00:00:00<"), "", "dueDate", errDate},
	{"dueDate two-digit year", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>25-12-31<"), "", "dueDate", errDate},
	{"paymentNote 211 characters", "getPayment/full", replace("<paymentNote>cart 1<", "<paymentNote>"+strings.Repeat("è", 211)+"<"),
		"", "paymentNote", errLength},
	{"transfer amount zero", "sendRTV2/full", replace("<transferAmount>16.00<", "<transferAmount>0.00<"),
		"", "receipt/transferList/transfer[2]/transferAmount", errAmountRange},
	{"idTransfer 6", "sendRTV2/full", replace("<idTransfer>2<", "<idTransfer>6<"), "", "receipt/transferList/transfer[2]/idTransfer", errIDTransfer},
	{"six transfers", "sendRTV2/full", repeat("<transfer>", "</transfer>", 4), "", "receipt/transferList/transfer[6]", errTooMany},
	{"IBAN and MBDAttachment", "sendRTV2/full", replace("<MBDAttachment>", "<IBAN>IT60X0542811101000000654321</IBAN><MBDAttachment>"),
		"IT60X0542811101000000654321", "receipt/transferList/transfer[2]/MBDAttachment", errChoice},
	{"neither IBAN nor MBDAttachment", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<MBDAttachment>", "</MBDAttachment>"), "", 1)
	}, "", "receipt/transferList/transfer[2]/IBAN|MBDAttachment", errMissing},
	{"MBDAttachment not base64", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<MBDAttachment>", "</MBDAttachment>"), "<MBDAttachment>attachment</MBDAttachment>", 1)
	}, "attachment", "receipt/transferList/transfer[2]/MBDAttachment", errBase64},
	{"MBDAttachment bad padding", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<MBDAttachment>", "</MBDAttachment>"), "<MBDAttachment>QQ=</MBDAttachment>", 1)
	}, "", "receipt/transferList/transfer[2]/MBDAttachment", errBase64},
	{"debtor type M", "sendRTV2/full", replace("<entityUniqueIdentifierType>F<", "<entityUniqueIdentifierType>M<"),
		"", "receipt/debtor/uniqueIdentifier/entityUniqueIdentifierType", errEnum},
	{"debtor id 1 character", "sendRTV2/full", replace("<entityUniqueIdentifierValue>RSSMRA80A01H501U<", "<entityUniqueIdentifierValue>R<"),
		"", "receipt/debtor/uniqueIdentifier/entityUniqueIdentifierValue", errLength},
	{"debtor id 17 characters", "sendRTV2/full", replace("<entityUniqueIdentifierValue>RSSMRA80A01H501U<", "<entityUniqueIdentifierValue>RSSMRA80A01H501UX<"),
		"RSSMRA80A01H501UX", "receipt/debtor/uniqueIdentifier/entityUniqueIdentifierValue", errLength},
	{"debtor fullName missing", "sendRTV2/full", replace("<fullName>Mario Rossi</fullName>", ""), "", "receipt/debtor/fullName", errMissing},
	{"e-mail double dot", "sendRTV2/full", replace("@example.it<", "@example..it<"), "mario.rossi+pa@example..it", "receipt/debtor/e-mail", errPattern},
	{"e-mail with space", "sendRTV2/full", replace("<e-mail>mario.rossi", "<e-mail>mario rossi"), "mario rossi+pa@example.it", "receipt/debtor/e-mail", errPattern},
	{"country lower case", "sendRTV2/full", replace("<country>IT<", "<country>it<"), "", "receipt/debtor/country", errPattern},
	{"paymentDateTime with space", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25 17:48:22"), "", "receipt/paymentDateTime", errDateTime},
	{"paymentDateTime hour 25", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T25:48:22"), "", "receipt/paymentDateTime", errDateTime},
	{"paymentDateTime no seconds", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48"), "", "receipt/paymentDateTime", errDateTime},
	{"paymentDateTime empty fraction", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48:22."), "", "receipt/paymentDateTime", errDateTime},
	{"paymentDateTime zone 15:00", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48:22+15:00"), "", "receipt/paymentDateTime", errDateTime},
	{"standIn yes", "sendRTV2/full", replace("<standIn>true<", "<standIn>yes<"), "", "receipt/standIn", errBool},
	{"16 metadata entries", "sendRTV2/full", func(s string) string {
		md := between(s, "<metadata><mapEntry><key>k1", "</metadata>")
		return strings.Replace(s, md, "<metadata>"+strings.Repeat("<mapEntry><key>k</key><value>v</value></mapEntry>", 16)+"</metadata>", 1)
	}, "", "receipt/metadata/mapEntry[16]", errTooMany},
	{"empty metadata", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<metadata><mapEntry><key>k1", "</metadata>"), "<metadata></metadata>", 1)
	}, "", "receipt/metadata/mapEntry", errMissing},
	{"metadata value missing", "sendRTV2/full", replace("<value>v2</value>", ""), "", "receipt/metadata/mapEntry[2]/value", errMissing},
	{"receipt outcome lower case", "sendRTV2/full", replace("<outcome>OK<", "<outcome>ok<"), "", "receipt/outcome", errEnum},
	{"fee three decimals", "sendRTV2/full", replace("<fee>0.00<", "<fee>0.001<"), "", "receipt/fee", errAmount},
	{"description 141 characters", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<description>", "</description>"), "<description>"+strings.Repeat("è", 141)+"</description>", 1)
	}, "", "receipt/description", errLength},
	{"V1 transfer without IBAN", "sendRT/full", replace("<IBAN>IT60X0542811101000000123456</IBAN>", ""), "", "receipt/transferList/transfer[1]/IBAN", errMissing},
	{"V1 transferList empty", "sendRT/minimal", func(s string) string {
		return strings.Replace(s, between(s, "<transferList>", "</transferList>"), "<transferList></transferList>", 1)
	}, "", "receipt/transferList/transfer", errMissing},
	{"idServizio 4 characters", "demand", replace("<idServizio>00001<", "<idServizio>0001<"), "", "idServizio", errLength},
	{"datiSpecificiServizio not base64", "demand", replace("<datiSpecificiServizioRequest>", "<datiSpecificiServizioRequest>*"),
		"", "datiSpecificiServizioRequest", errBase64},
}

// verifyQR is the qrCode of the encoded "verify" test request.
const verifyQR = "<qrCode><fiscalCode>01234567890</fiscalCode><noticeNumber>302000000000000184</noticeNumber></qrCode>"

func TestDecodeInvalid(t *testing.T) {
	for _, tt := range invalidRequests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.mutate(baseRequest(t, tt.base))
			_, err := DecodeRequest(strings.NewReader(msg), "", DefaultLimits)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("DecodeRequest = %v, want an *Error", err)
			}
			if e.Fault != FaultXSD || e.Field != tt.field || e.Err != tt.err {
				t.Errorf("DecodeRequest = Fault %q Field %q Err %v; want %q %q %v", e.Fault, e.Field, e.Err, FaultXSD, tt.field, tt.err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
			}
			if e.Op == "" || tt.field != "idPA" && e.Header.IDPA != testHeader.IDPA {
				t.Errorf("Error Op %q Header %+v; want the operation and the header", e.Op, e.Header)
			}
			if tt.value != "" && strings.Contains(err.Error(), tt.value) {
				t.Errorf("Error() = %q contains the value %q", err.Error(), tt.value)
			}
		})
	}
}

// toleratedRequests are XSD-valid lexical variants: DecodeRequest must
// read them as the value given, and xmllint must accept them
// (TestConformanceTolerated).
var toleratedRequests = []struct {
	name   string
	base   string
	mutate func(string) string
	check  func(*Request) any // the decoded value
	want   any
}{
	{"amount with white space", "getPayment/full", replace("<amount>136.50<", "<amount>\n 136.50 \t<"),
		func(r *Request) any { return r.Payment.Amount }, int64(13650)},
	{"amount with leading zero", "getPayment/full", replace("<amount>136.50<", "<amount>0136.50<"),
		func(r *Request) any { return r.Payment.Amount }, int64(13650)},
	{"dueDate with Z", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>2025-12-31Z<"),
		func(r *Request) any { return r.Payment.DueDate }, date(2025, 12, 31)},
	{"dueDate with offset", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>2025-12-31-05:00<"),
		func(r *Request) any { return r.Payment.DueDate }, date(2025, 12, 31)},
	{"dueDate with white space", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>\n 2025-12-31+14:00 <"),
		func(r *Request) any { return r.Payment.DueDate }, date(2025, 12, 31)},
	{"dueDate 29 February", "getPayment/full", replace("<dueDate>2025-12-31<", "<dueDate>2024-02-29<"),
		func(r *Request) any { return r.Payment.DueDate }, date(2024, 2, 29)},
	{"standIn 1", "sendRTV2/full", replace("<standIn>true<", "<standIn>1<"),
		func(r *Request) any { return r.SendRT.Receipt.StandIn }, true},
	{"standIn 0", "sendRTV2/full", replace("<standIn>true<", "<standIn> 0 <"),
		func(r *Request) any { return r.SendRT.Receipt.StandIn }, false},
	{"idTransfer +1", "sendRTV2/full", replace("<idTransfer>1<", "<idTransfer>+1<"),
		func(r *Request) any { return r.SendRT.Receipt.Transfers[0].ID }, 1},
	{"idTransfer 02", "sendRTV2/full", replace("<idTransfer>2<", "<idTransfer> 02 <"),
		func(r *Request) any { return r.SendRT.Receipt.Transfers[1].ID }, 2},
	{"paymentDateTime no fraction", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48:22"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 25, 17, 48, 22, 0, time.UTC)},
	{"paymentDateTime long fraction", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48:22.1234567891"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 25, 17, 48, 22, 123456789, time.UTC)},
	{"paymentDateTime Z in winter", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T16:48:22Z"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 25, 17, 48, 22, 0, time.UTC)},
	{"paymentDateTime Z in summer", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-07-01T10:00:00Z"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)},
	{"paymentDateTime before the switch to summer time", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-30T00:59:59Z"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 30, 1, 59, 59, 0, time.UTC)},
	{"paymentDateTime at the switch to summer time", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-30T01:00:00Z"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 30, 3, 0, 0, 0, time.UTC)},
	{"paymentDateTime at the switch to winter time", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-10-26T01:00:00Z"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 10, 26, 2, 0, 0, 0, time.UTC)},
	{"paymentDateTime with Italian offset", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T17:48:22+01:00"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 25, 17, 48, 22, 0, time.UTC)},
	{"paymentDateTime 24:00:00", "sendRTV2/full", replace("2025-03-25T17:48:22.123", "2025-03-25T24:00:00"),
		func(r *Request) any { return r.SendRT.Receipt.PaymentDateTime }, time.Date(2025, 3, 26, 0, 0, 0, 0, time.UTC)},
	{"MBDAttachment with line breaks", "sendRTV2/full", replace("<MBDAttachment>PG1hcmNh", "<MBDAttachment>\n  PG1h\r\n cmNh"),
		func(r *Request) any { return r.SendRT.Receipt.Transfers[1].MBD }, mbd},
	{"description 140 characters", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<description>", "</description>"), "<description>"+strings.Repeat("è", 140)+"</description>", 1)
	}, func(r *Request) any { return r.SendRT.Receipt.Description }, strings.Repeat("è", 140)},
	{"description white space kept", "sendRTV2/full", func(s string) string {
		return strings.Replace(s, between(s, "<description>", "</description>"), "<description> a\tb </description>", 1)
	}, func(r *Request) any { return r.SendRT.Receipt.Description }, " a\tb "},
	{"receiptId empty", "sendRTV2/full", replace("<receiptId>f43cf6263ddb47248222b039f6d1f1f5<", "<receiptId><"),
		func(r *Request) any { return r.SendRT.Receipt.ReceiptID }, ""},
	{"text split by a comment and CDATA", "verify", replace("<idPA>01234567890<", "<idPA>0123<!-- c --><![CDATA[4567]]>890<"),
		func(r *Request) any { return r.Header.IDPA }, "01234567890"},
}

func TestDecodeTolerated(t *testing.T) {
	for _, tt := range toleratedRequests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.mutate(baseRequest(t, tt.base))
			req, err := DecodeRequest(strings.NewReader(msg), "", DefaultLimits)
			if err != nil {
				t.Fatalf("DecodeRequest: %v", err)
			}
			if diff := cmp.Diff(tt.want, tt.check(req)); diff != "" {
				t.Errorf("decoded value mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// invalidResponses are XSD violations in responses.
var invalidResponses = []struct {
	name   string
	res    string // a testResponses name
	mutate func(string) string
	field  string
	err    error
}{
	{"option amount zero", "verify/ok", replace("<amount>136.50<", "<amount>0.00<"), "paymentList/paymentOptionDescription/amount", errAmountRange},
	{"option allCCP missing", "verify/ok", replace("<allCCP>true</allCCP>", ""), "paymentList/paymentOptionDescription/allCCP", errMissing},
	{"options XX", "verify/ok", replace("<options>EQ<", "<options>XX<"), "paymentList/paymentOptionDescription/options", errEnum},
	{"outcome with space", "verify/ok", replace("<outcome>OK<", "<outcome>OK <"), "outcome", errEnum},
	{"fault id missing", "verify/ko", replace("<id>01234567890</id>", ""), "fault/id", errMissing},
	{"V2 data without companyName", "getPaymentV2/ok-stamp", replace("<companyName>Comune di Esempio</companyName><officeName>", "<officeName>"),
		"data/companyName", errMissing},
	{"IBAN and stamp", "getPaymentV2/ok-stamp", replace("<richiestaMarcaDaBollo>", "<IBAN>IT60X0542811101000000654321</IBAN><richiestaMarcaDaBollo>"),
		"data/transferList/transfer[2]/richiestaMarcaDaBollo", errChoice},
	{"hashDocumento too short", "getPaymentV2/ok-stamp", func(s string) string {
		return strings.Replace(s, between(s, "<hashDocumento>", "</hashDocumento>"), "<hashDocumento>AA==AA</hashDocumento>", 1)
	}, "data/transferList/transfer[2]/richiestaMarcaDaBollo/hashDocumento", errBase64},
	{"tipoBollo 02", "getPaymentV2/ok-stamp", replace("<tipoBollo>01<", "<tipoBollo>02<"),
		"data/transferList/transfer[2]/richiestaMarcaDaBollo/tipoBollo", errEnum},
	{"retentionDate a date", "getPayment/ok", replace("<retentionDate>2026-01-31T23:59:59<", "<retentionDate>2026-01-31<"),
		"data/retentionDate", errDateTime},
	{"V1 transfer with stamp only", "getPaymentV2/ok-stamp", func(s string) string {
		return strings.ReplaceAll(s, "paGetPaymentV2Response", "paGetPaymentRes")
	},
		"data/transferList/transfer[2]/IBAN", errMissing},
	{"demand qrCode without noticeNumber", "demand/ok", replace("<noticeNumber>302000000000000184</noticeNumber>", ""),
		"qrCode/noticeNumber", errMissing},
}

// response returns the encoded test response called name and its op.
func response(t testing.TB, name string) (string, Operation) {
	t.Helper()
	for _, r := range testResponses() {
		if r.name == name {
			return string(encodeResponse(t, r.res)), r.op
		}
	}
	t.Fatalf("no test response %q", name)
	return "", ""
}

func TestDecodeResponseInvalid(t *testing.T) {
	for _, tt := range invalidResponses {
		t.Run(tt.name, func(t *testing.T) {
			msg, op := response(t, tt.res)
			msg = tt.mutate(msg)
			if strings.Contains(msg, "paGetPaymentRes") {
				op = OpGetPayment
			}
			_, err := DecodeResponse(strings.NewReader(msg), op, DefaultLimits)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("DecodeResponse = %v, want an *Error", err)
			}
			if e.Fault != FaultXSD || e.Field != tt.field || e.Err != tt.err || e.Op != op {
				t.Errorf("DecodeResponse = %+v; want Fault %q Field %q Err %v Op %s", e, FaultXSD, tt.field, tt.err, op)
			}
		})
	}
}

func TestDecodeResponseSOAPFault(t *testing.T) {
	msg := envelope(`<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Internal &amp; error</faultstring>` +
		`<detail><x/></detail></soapenv:Fault>`)
	_, err := DecodeResponse(strings.NewReader(msg), OpSendRT, DefaultLimits)
	var e *Error
	var sf *ServerFault
	if !errors.As(err, &e) || !errors.As(err, &sf) {
		t.Fatalf("DecodeResponse = %v, want an *Error with a *ServerFault", err)
	}
	want := &Error{Fault: FaultSOAP, Op: OpSendRT, Err: &ServerFault{Code: "soapenv:Server", String: "Internal & error"}}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrServerFault) {
		t.Errorf("errors.Is(%v, ErrServerFault) = false", err)
	}
}

func TestDecodeResponseWrongWrapper(t *testing.T) {
	msg, _ := response(t, "sendRT/ok")
	for _, op := range []Operation{OpSendRTV2, OpVerify, "paNoSuchOperation"} {
		_, err := DecodeResponse(strings.NewReader(msg), op, DefaultLimits)
		var e *Error
		if !errors.As(err, &e) || e.Fault != FaultExtraXSD || !errors.Is(err, ErrUnknownOperation) {
			t.Errorf("DecodeResponse(paSendRTRes, %s) = %v; want FaultExtraXSD, ErrUnknownOperation", op, err)
		}
	}
}

// TestWriteInvalid checks that values that cannot be written are refused
// with the element named, and that nothing is written.
func TestWriteInvalid(t *testing.T) {
	v1WithMBD := testReceipt(true)
	v1WithMBD.PaymentNote, v1WithMBD.PrimaryCIIncurredFee, v1WithMBD.IDBundle, v1WithMBD.IDCIBundle = "", nil, "", ""
	v1WithMBD.Transfers[1].CompanyName = ""
	sixTransfers := testReceipt(false)
	for len(sixTransfers.Transfers) < 6 {
		sixTransfers.Transfers = append(sixTransfers.Transfers, sixTransfers.Transfers[0])
	}
	negative := testPaymentData(false)
	negative.Transfers[1].Amount = -1
	bothChoices := testPaymentData(true)
	bothChoices.Transfers[1].IBAN = "IT60X0542811101000000654321"
	stampSpace := testPaymentData(true)
	stampSpace.Transfers[1].Stamp.HashDocument = " " + stampSpace.Transfers[1].Stamp.HashDocument
	noTransfers := testPaymentData(false)
	noTransfers.Transfers = nil
	farFuture := testPaymentData(false)
	farFuture.RetentionDate = ptr(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	badID := testPaymentData(false)
	badID.Transfers[0].ID = 0

	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		op    Operation
		field string
		err   error
	}{
		{"V1 receipt with MBD", func(b *bytes.Buffer) error {
			return WriteRequest(b, &Request{Op: OpSendRT, Header: testHeader, SendRT: &SendRTReq{Receipt: v1WithMBD}})
		}, OpSendRT, "receipt/transferList/transfer[2]/MBDAttachment", errV2Only},
		{"six transfers", func(b *bytes.Buffer) error {
			return WriteRequest(b, &Request{Op: OpSendRT, Header: testHeader, SendRT: &SendRTReq{Receipt: sixTransfers}})
		}, OpSendRT, "receipt/transferList/transfer", errTooMany},
		{"header missing", func(b *bytes.Buffer) error {
			return WriteRequest(b, &Request{Op: OpVerify, Verify: wantVerify.Verify})
		}, OpVerify, "idPA", errLength},
		{"no body", func(b *bytes.Buffer) error {
			return WriteRequest(b, &Request{Op: OpGetPayment, Header: testHeader})
		}, OpGetPayment, "", ErrUnknownOperation},
		{"unknown operation", func(b *bytes.Buffer) error {
			return WriteRequest(b, &Request{Op: "paNope", Header: testHeader, Verify: wantVerify.Verify})
		}, "paNope", "", ErrUnknownOperation},
		{"negative amount", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{Outcome: "OK", Data: negative})
		}, OpGetPayment, "data/transferList/transfer[2]/transferAmount", errAmountRange},
		{"IBAN and stamp", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{V2: true, Outcome: "OK", Data: bothChoices})
		}, OpGetPaymentV2, "data/transferList/transfer[2]/richiestaMarcaDaBollo", errChoice},
		{"stamp in V1", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{Outcome: "OK", Data: testPaymentData(true)})
		}, OpGetPayment, "data/transferList/transfer[1]/companyName", errV2Only},
		{"hash with a space", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{V2: true, Outcome: "OK", Data: stampSpace})
		}, OpGetPaymentV2, "data/transferList/transfer[2]/richiestaMarcaDaBollo/hashDocumento", errPattern},
		{"no transfers", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{Outcome: "OK", Data: noTransfers})
		}, OpGetPayment, "data/transferList/transfer", errMissing},
		{"year 10000", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{Outcome: "OK", Data: farFuture})
		}, OpGetPayment, "data/retentionDate", errDateTime},
		{"idTransfer 0", func(b *bytes.Buffer) error {
			return WriteResponse(b, &GetPaymentRes{Outcome: "OK", Data: badID})
		}, OpGetPayment, "data/transferList/transfer[1]/idTransfer", errIDTransfer},
		{"outcome empty", func(b *bytes.Buffer) error {
			return WriteResponse(b, &SendRTRes{V2: true})
		}, OpSendRTV2, "outcome", errEnum},
		{"option without options", func(b *bytes.Buffer) error {
			return WriteResponse(b, &VerifyRes{Outcome: "OK", Option: &PaymentOption{Amount: 1}})
		}, OpVerify, "paymentList/paymentOptionDescription/options", errEnum},
		{"half a qrCode", func(b *bytes.Buffer) error {
			return WriteResponse(b, &DemandRes{Outcome: "OK", QRFiscalCode: "01234567890"})
		}, OpDemand, "qrCode/noticeNumber", errPattern},
		{"not a response", func(b *bytes.Buffer) error { return WriteResponse(b, VerifyRes{Outcome: "OK"}) }, "", "", errNoResponse},
		{"nil response", func(b *bytes.Buffer) error { return WriteResponse(b, (*SendRTRes)(nil)) }, "", "", errNoResponse},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := tt.write(&b)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if e.Fault != FaultSystem || e.Op != tt.op || e.Field != tt.field || e.Err != tt.err {
				t.Errorf("got Fault %q Op %q Field %q Err %v; want %q %q %q %v", e.Fault, e.Op, e.Field, e.Err, FaultSystem, tt.op, tt.field, tt.err)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes on error", b.Len())
			}
		})
	}
}
