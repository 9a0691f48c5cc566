package soap

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// decodeErr decodes msg and returns its *Error, failing the test if the
// decode succeeds or returns another error type.
func decodeErr(t *testing.T, msg string, action string, lim Limits) *Error {
	t.Helper()
	req, err := DecodeRequest(strings.NewReader(msg), action, lim)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("DecodeRequest = %+v, %v; want an *Error", req, err)
	}
	return e
}

// endless is a reader of an unending stream of unknown elements.
type endless struct{ n int64 }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "<x/>"[(r.n+int64(i))%4]
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestDecodeTooLarge(t *testing.T) {
	msg := envelope(verifyBody)
	lim := Limits{MaxBytes: int64(len(msg))}
	if _, err := DecodeRequest(strings.NewReader(msg), "", lim); err != nil {
		t.Errorf("message of exactly MaxBytes: %v", err)
	}
	lim.MaxBytes--
	if e := decodeErr(t, msg, "", lim); e.Fault != FaultExtraXSD || !errors.Is(e, ErrTooLarge) {
		t.Errorf("message of MaxBytes+1: %v (%s); want ErrTooLarge, %s", e, e.Fault, FaultExtraXSD)
	}

	// An endless body is not read beyond the limit.
	r := &endless{}
	_, err := DecodeRequest(io.MultiReader(strings.NewReader(envelope("")[:100]), r), "", Limits{MaxBytes: 1 << 20})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("endless body: %v, want ErrTooLarge", err)
	}
	if r.n > 1<<20 {
		t.Errorf("endless body: read %d bytes, limit 1 MiB", r.n)
	}
}

func TestDecodeTooDeep(t *testing.T) {
	// The verify request is 5 deep: Envelope/Body/wrapper/qrCode/fiscalCode.
	msg := envelope(verifyBody)
	if _, err := DecodeRequest(strings.NewReader(msg), "", Limits{MaxDepth: 5}); err != nil {
		t.Errorf("depth 5 with MaxDepth 5: %v", err)
	}
	if e := decodeErr(t, msg, "", Limits{MaxDepth: 4}); e.Fault != FaultExtraXSD || !errors.Is(e, ErrTooDeep) || e.Op != OpVerify {
		t.Errorf("depth 5 with MaxDepth 4: %v (%s)", e, e.Fault)
	}
	deep := strings.Replace(msg, "<idPA>", strings.Repeat("<x>", 100000)+strings.Repeat("</x>", 100000)+"<idPA>", 1)
	start := time.Now()
	if e := decodeErr(t, deep, "", DefaultLimits); !errors.Is(e, ErrTooDeep) {
		t.Errorf("100000 nested unknown elements: %v, want ErrTooDeep", e)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing deep nesting took %v", d)
	}
}

func TestDecodeTooManyElements(t *testing.T) {
	msg := envelope(verifyBody) // 9 elements
	if _, err := DecodeRequest(strings.NewReader(msg), "", Limits{MaxElements: 9}); err != nil {
		t.Errorf("9 elements with MaxElements 9: %v", err)
	}
	if e := decodeErr(t, msg, "", Limits{MaxElements: 8}); e.Fault != FaultExtraXSD || !errors.Is(e, ErrTooManyElements) {
		t.Errorf("9 elements with MaxElements 8: %v (%s)", e, e.Fault)
	}
	many := strings.Replace(msg, "<idPA>", strings.Repeat("<x/>", 500000)+"<idPA>", 1)
	if e := decodeErr(t, many, "", DefaultLimits); !errors.Is(e, ErrTooManyElements) {
		t.Errorf("500000 unknown elements: %v, want ErrTooManyElements", e)
	}
}

func TestDecodeNotXML(t *testing.T) {
	for _, tt := range []struct {
		name, msg string
		err       error
	}{
		{"empty", "", errNoEnvelope},
		{"white space", " \n\t", errNoEnvelope},
		{"text", "hello", errNoEnvelope},
		{"JSON", `{"idPA":"01234567890"}`, errNoEnvelope},
		{"binary", "\x00\x01\x02\xff\xfe", ErrMalformed},
		{"invalid UTF-8 in text", envelope(strings.Replace(verifyBody, "01234567890", "0123\xff", 1)), ErrMalformed},
		{"truncated", envelope(verifyBody)[:200], ErrMalformed},
		{"unclosed envelope", strings.TrimSuffix(envelope(verifyBody), "</soapenv:Envelope>"), ErrMalformed},
		{"mismatched tags", envelope(strings.Replace(verifyBody, "</idPA>", "</idBrokerPA>", 1)), ErrMalformed},
		{"prefix changed in an end tag", strings.Replace(envelope(verifyBody), "</soapenv:Envelope>", "</other:Envelope>", 1), ErrMalformed},
		{"end tag without a start", envelope(verifyBody) + "</x>", ErrMalformed},
		{"end of input in a skipped Header", `<s:Envelope xmlns:s="` + NSEnvelope + `"><s:Header><a><b>`, ErrMalformed},
		{"undeclared entity", envelope(strings.Replace(verifyBody, "01234567890", "&nbsp;", 1)), ErrMalformed},
		{"root is not an Envelope", verifyBody, errNoEnvelope},
		{"text before the Envelope", "x" + envelope(verifyBody), errNoEnvelope},
		{"element after the Envelope", envelope(verifyBody) + "<x/>", errAfterRoot},
		{"text after the Envelope", envelope(verifyBody) + "x", errAfterRoot},
		{"no Body", `<s:Envelope xmlns:s="` + NSEnvelope + `"><s:Header/></s:Envelope>`, errNoBody},
		{"empty Body", envelope(""), ErrUnknownOperation},
		{"unknown operation", envelope(`<pafn:paNoSuchReq><idPA>1</idPA></pafn:paNoSuchReq>`), ErrUnknownOperation},
		{"response instead of request", envelope(`<pafn:paVerifyPaymentNoticeRes><outcome>OK</outcome></pafn:paVerifyPaymentNoticeRes>`), ErrUnknownOperation},
		{"Latin-1 declaration", `<?xml version="1.0" encoding="ISO-8859-1"?>` + envelope(verifyBody), ErrMalformed},
		{"unknown operation then malformed", envelope(`<pafn:paNoSuchReq>`), ErrMalformed},
		{"XSD error then malformed", envelope(strings.Replace(verifyBody, "01234567890", "x", 1) + "<unclosed>"), ErrMalformed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := decodeErr(t, tt.msg, "", DefaultLimits)
			if e.Fault != FaultExtraXSD || !errors.Is(e, tt.err) {
				t.Errorf("got %v (Fault %s); want %v, %s", e, e.Fault, tt.err, FaultExtraXSD)
			}
		})
	}
}

func TestDecodeDTD(t *testing.T) {
	for _, tt := range []struct{ name, msg string }{
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
			`<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
			envelope(strings.Replace(verifyBody, "01234567890", "&lol3;", 1))},
		{"external entity", `<!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
			envelope(strings.Replace(verifyBody, "01234567890", "&xxe;", 1))},
		{"external DTD", `<!DOCTYPE soapenv:Envelope SYSTEM "http://example.com/evil.dtd">` + envelope(verifyBody)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := decodeErr(t, tt.msg, "", DefaultLimits)
			if e.Fault != FaultExtraXSD || e.Err != errDTD {
				t.Errorf("got %v (Fault %s); want %v, %s", e, e.Fault, errDTD, FaultExtraXSD)
			}
		})
	}
}

// TestDecodeUnknownElements inserts elements unknown to the XSD in many
// places: they are skipped and the request decodes as without them.
func TestDecodeUnknownElements(t *testing.T) {
	const unknown = `<newField>x</newField>`
	const nested = `<pafn:newBlock a="1"><b><c>text</c><!-- c --><d/></b></pafn:newBlock>`
	for _, tt := range testRequests() {
		if tt.req.SendRT == nil && tt.req.Verify == nil {
			continue
		}
		msg := string(encodeRequest(t, tt.req))
		for _, at := range []string{"</idPA>", "</idStation>", "<qrCode>", "</qrCode>", "<receipt>",
			"<debtor>", "<uniqueIdentifier>", "</fullName>", "<transferList>", "<transfer>", "</IBAN>", "<mapEntry>",
			"</key>", "<metadata>", "</standIn>", "</paf:paSendRTV2Request>", "</paf:paVerifyPaymentNoticeReq>"} {
			msg = strings.ReplaceAll(msg, at, at+unknown+nested)
		}
		msg = strings.Replace(msg, "<soapenv:Body>", "<soapenv:Header>"+nested+"</soapenv:Header><soapenv:Body>", 1)
		got, err := DecodeRequest(strings.NewReader(msg), "", DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.name, err, msg)
		}
		if got.SendRT != nil {
			got.SendRT.Raw = nil
		}
		if diff := cmp.Diff(tt.req, got); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestDecodeV2FieldsInV1 checks that the elements only V2 has are unknown
// (skipped) in a V1 receipt.
func TestDecodeV2FieldsInV1(t *testing.T) {
	msg := string(encodeRequest(t, &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: testReceipt(true)}}))
	msg = strings.ReplaceAll(msg, "paSendRTV2Request", "paSendRTReq")
	msg = strings.Replace(msg, "<MBDAttachment>", "<IBAN>IT60X0542811101000000654321</IBAN><MBDAttachment>", 1)
	got, err := DecodeRequest(strings.NewReader(msg), "", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	r := got.SendRT.Receipt
	if r.PaymentNote != "" || r.PrimaryCIIncurredFee != nil || r.IDBundle != "" || r.IDCIBundle != "" ||
		r.Transfers[1].MBD != nil || r.Transfers[1].CompanyName != "" || r.Transfers[1].IBAN != "IT60X0542811101000000654321" {
		t.Errorf("V1 receipt kept V2 fields: %+v", r)
	}
}

// TestDecodeStandinAlias: the SANP examples write standin for standIn.
func TestDecodeStandinAlias(t *testing.T) {
	for _, op := range []Operation{OpSendRT, OpSendRTV2} {
		msg := string(encodeRequest(t, &Request{Op: op, Header: testHeader, SendRT: &SendRTReq{Receipt: minimalReceipt()}}))
		msg = strings.Replace(msg, "</receipt>", "<standin>true</standin></receipt>", 1)
		got, err := DecodeRequest(strings.NewReader(msg), "", DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		if !got.SendRT.Receipt.StandIn {
			t.Errorf("%s: <standin>true</standin> read as StandIn false", op)
		}
	}
}

// TestDecodeNamespaceVariants: prefixes and namespaces do not matter.
func TestDecodeNamespaceVariants(t *testing.T) {
	body := func(open, close string) string {
		return strings.NewReplacer("<pafn:paVerifyPaymentNoticeReq>", open, "</pafn:paVerifyPaymentNoticeReq>", close).Replace(verifyBody)
	}
	prefixed := strings.NewReplacer("<idPA>", "<pafn:idPA>", "</idPA>", "</pafn:idPA>",
		"<qrCode>", "<pafn:qrCode>", "</qrCode>", "</pafn:qrCode>",
		"<noticeNumber>", "<other:noticeNumber xmlns:other='urn:x'>", "</noticeNumber>", "</other:noticeNumber>").Replace(verifyBody)
	env := func(prefix, body string) string {
		p := prefix + ":"
		decl := "xmlns:" + prefix
		if prefix == "" {
			p, decl = "", "xmlns"
		}
		return "<" + p + "Envelope " + decl + `="` + NSEnvelope + `" xmlns:pafn="` + NSPaForNode + `"><` + p + "Header/><" + p + "Body>" +
			body + "</" + p + "Body></" + p + "Envelope>"
	}
	for _, tt := range []struct{ name, msg string }{
		{"soapenv", env("soapenv", verifyBody)},
		{"SOAP-ENV", env("SOAP-ENV", verifyBody)},
		{"s", env("s", verifyBody)},
		{"default envelope namespace", env("", verifyBody)},
		{"prefixed children", envelope(prefixed)},
		{"default namespace on the wrapper", envelope(body(`<paVerifyPaymentNoticeReq xmlns="`+NSPaForNode+`">`, "</paVerifyPaymentNoticeReq>"))},
		{"nodeForPsp namespace", envelope(body(`<nod:paVerifyPaymentNoticeReq xmlns:nod="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd">`,
			"</nod:paVerifyPaymentNoticeReq>"))},
		{"no namespace", envelope(body("<paVerifyPaymentNoticeReq>", "</paVerifyPaymentNoticeReq>"))},
		{"undeclared prefix", envelope(body("<x:paVerifyPaymentNoticeReq>", "</x:paVerifyPaymentNoticeReq>"))},
		{"declaration, BOM, comments, PIs", "\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n<!-- c --><?pi x?>\n" +
			envelope(verifyBody) + "\n<!-- end -->\n"},
		{"attributes everywhere", strings.ReplaceAll(envelope(verifyBody), "<idPA>", `<idPA xsi:nil="false" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)},
		{"CRLF line ends", strings.ReplaceAll(envelope(strings.ReplaceAll(verifyBody, "><", ">\r\n  <")), "><", ">\r\n<")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeRequest(strings.NewReader(tt.msg), "", DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantVerify, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAction(t *testing.T) {
	for _, tt := range []struct {
		action string
		op     Operation
		ok     bool
	}{
		{`"paVerifyPaymentNotice"`, OpVerify, true},
		{`paVerifyPaymentNotice`, OpVerify, true},
		{` "http://pagopa-api.pagopa.gov.it/paForNode/paVerifyPaymentNotice" `, OpVerify, true},
		{`urn:paSendRTV2`, OpSendRTV2, true},
		{`"http://x/y#paGetPaymentV2"`, OpGetPaymentV2, true},
		{`paDemandPaymentNotice`, OpDemand, true},
		{``, "", false},
		{`""`, "", false},
		{`"paVerifyPaymentNoticeReq"`, "", false},
		{`paverifypaymentnotice`, "", false},
		{`"paSendRT`, "", false},
	} {
		op, ok := ParseAction(tt.action)
		if op != tt.op || ok != tt.ok {
			t.Errorf("ParseAction(%q) = %q, %v; want %q, %v", tt.action, op, ok, tt.op, tt.ok)
		}
	}
}

// TestDecodeSOAPAction: the body's element decides; the SOAPAction only
// names the operation of a body element that is not a known wrapper.
func TestDecodeSOAPAction(t *testing.T) {
	for _, action := range []string{`"paVerifyPaymentNotice"`, `paVerifyPaymentNotice`,
		`"http://pagopa-api.pagopa.gov.it/paForNode/paVerifyPaymentNotice"`, ``, `"paSendRT"`, `junk`} {
		got, err := DecodeRequest(strings.NewReader(envelope(verifyBody)), action, DefaultLimits)
		if err != nil {
			t.Fatalf("action %q: %v", action, err)
		}
		if diff := cmp.Diff(wantVerify, got); diff != "" {
			t.Errorf("action %q: mismatch (-want +got):\n%s", action, diff)
		}
	}

	// An unknown wrapper name: the SOAPAction decides.
	odd := envelope(strings.ReplaceAll(verifyBody, "paVerifyPaymentNoticeReq", "paVerifyPaymentNotice"))
	for _, action := range []string{`"paVerifyPaymentNotice"`, `http://pagopa-api.pagopa.gov.it/paForNode/paVerifyPaymentNotice`} {
		got, err := DecodeRequest(strings.NewReader(odd), action, DefaultLimits)
		if err != nil {
			t.Fatalf("unknown wrapper, action %q: %v", action, err)
		}
		if diff := cmp.Diff(wantVerify, got); diff != "" {
			t.Errorf("unknown wrapper, action %q: mismatch (-want +got):\n%s", action, diff)
		}
	}
	for _, action := range []string{``, `"paNope"`} {
		if e := decodeErr(t, odd, action, DefaultLimits); !errors.Is(e, ErrUnknownOperation) || e.Fault != FaultExtraXSD || e.Op != "" {
			t.Errorf("unknown wrapper, action %q: %v (Fault %s, Op %q); want ErrUnknownOperation", action, e, e.Fault, e.Op)
		}
	}
	// With the SOAPAction of another operation, the body is read as that
	// operation's request: here it lacks the receipt.
	e := decodeErr(t, odd, "paSendRT", DefaultLimits)
	if e.Op != OpSendRT || e.Field != "receipt" || e.Err != errMissing {
		t.Errorf("unknown wrapper, action paSendRT: %+v", e)
	}
}

// TestDecodeRawReceipt checks that Raw is the receipt element byte for
// byte, whatever its formatting.
func TestDecodeRawReceipt(t *testing.T) {
	msg := string(encodeRequest(t, &Request{Op: OpSendRTV2, Header: testHeader, SendRT: &SendRTReq{Receipt: testReceipt(true)}}))
	i, j := strings.Index(msg, "<receipt>"), strings.Index(msg, "</receipt>")+len("</receipt>")
	plain := msg[i:j]
	odd := strings.NewReplacer(
		"<receipt>", "<receipt  xmlns:x='urn:x'\r\n\t>",
		"<noticeNumber>", "\r\n  <!-- <receipt> --> <noticeNumber >",
		"<description>TARI 2025 &lt;rata unica&gt; &amp; &quot;saldo&quot;</description>",
		"<x:description>TARI 2025 <![CDATA[<rata unica>]]> &amp; \"saldo\"</x:description >",
		"<companyName>", "\n\n\t <?pi </receipt>?><companyName>",
		"</receipt>", "\r\n</receipt  >",
	).Replace(plain)
	for _, tt := range []struct{ name, prefix, raw, suffix string }{
		{"plain", msg[:i], plain, msg[j:]},
		{"odd", msg[:i], odd, msg[j:]},
		{"BOM and prolog", "\xef\xbb\xbf<?xml version='1.0'?>\n" + msg[strings.Index(msg, "<soapenv:Envelope"):i], odd, msg[j:]},
		{"prefixed", msg[:i], "<paf:receipt>" + strings.TrimPrefix(strings.TrimSuffix(plain, "</receipt>"), "<receipt>") + "</paf:receipt>", msg[j:]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeRequest(strings.NewReader(tt.prefix+tt.raw+tt.suffix), "", DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.SendRT.Raw) != tt.raw {
				t.Errorf("Raw = %q\nwant %q", got.SendRT.Raw, tt.raw)
			}
			if got.SendRT.Receipt.Description != "TARI 2025 <rata unica> & \"saldo\"" || len(got.SendRT.Receipt.Transfers) != 2 {
				t.Errorf("receipt = %+v", got.SendRT.Receipt)
			}
		})
	}
}

// TestWriteEscaping checks that text is escaped on output and decodes
// back to the same value.
func TestWriteEscaping(t *testing.T) {
	for _, tt := range []struct{ in, wire, back string }{
		{`a<b&c"d'e>f`, `a&lt;b&amp;c&quot;d'e&gt;f`, `a<b&c"d'e>f`},
		{"]]>", "]]&gt;", "]]>"},
		{"line\r\nbreak\ttab", "line&#xD;\nbreak\ttab", "line\r\nbreak\ttab"},
		{"àèìòù €", "àèìòù €", "àèìòù €"},
		{"bad\xffutf8", "bad\uFFFDutf8", "bad\uFFFDutf8"},
		{"ctl\x01\x1f", "ctl\uFFFD\uFFFD", "ctl\uFFFD\uFFFD"},
		{"non\uFFFEchar", "non\uFFFDchar", "non\uFFFDchar"},
	} {
		res := &VerifyRes{Outcome: "OK", Option: &PaymentOption{Amount: 100, Options: "EQ", DetailDescription: tt.in}, CompanyName: tt.in}
		msg := encodeResponse(t, res)
		if want := "<companyName>" + tt.wire + "</companyName>"; !bytes.Contains(msg, []byte(want)) {
			t.Errorf("WriteResponse(%q) does not contain %q:\n%s", tt.in, want, msg)
		}
		got, err := DecodeResponse(bytes.NewReader(msg), OpVerify, DefaultLimits)
		if err != nil {
			t.Fatalf("DecodeResponse(%q): %v", tt.in, err)
		}
		if v := got.(*VerifyRes); v.CompanyName != tt.back || v.Option.DetailDescription != tt.back {
			t.Errorf("%q decoded back as %q, %q; want %q", tt.in, v.CompanyName, v.Option.DetailDescription, tt.back)
		}
	}
	// A fault string, which has no length limit, is escaped too.
	msg := encodeResponse(t, FaultResponse(OpSendRT, Fault{Code: "PAA_SEMANTICA", String: "<x>&", ID: "id"}))
	if !bytes.Contains(msg, []byte("<faultString>&lt;x&gt;&amp;</faultString>")) {
		t.Errorf("fault string not escaped:\n%s", msg)
	}
}

func TestDecodeReadError(t *testing.T) {
	boom := errors.New("connection reset")
	_, err := DecodeRequest(iotest.ErrReader(boom), "", DefaultLimits)
	var e *Error
	if !errors.As(err, &e) || e.Fault != FaultSystem || !errors.Is(err, boom) {
		t.Errorf("DecodeRequest(failing reader) = %v; want an *Error with %s wrapping the read error", err, FaultSystem)
	}
	// A reader that returns data with io.EOF, and one byte at a time.
	msg := envelope(verifyBody)
	for _, r := range []io.Reader{iotest.DataErrReader(strings.NewReader(msg)), iotest.OneByteReader(strings.NewReader(msg))} {
		if got, err := DecodeRequest(r, "", DefaultLimits); err != nil || got.Verify == nil {
			t.Errorf("DecodeRequest(%T) = %v, %v", r, got, err)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		err  *Error
		want string
	}{
		{&Error{Fault: FaultXSD, Op: OpSendRT, Field: "receipt/fiscalCode", Err: errPattern},
			"soap: paSendRT: receipt/fiscalCode: invalid value: does not match the pattern"},
		{&Error{Fault: FaultExtraXSD, Err: ErrTooLarge}, "soap: message too large"},
		{&Error{Fault: FaultSOAP, Op: OpVerify, Err: &ServerFault{Code: "s:Server", String: "boom"}},
			"soap: paVerifyPaymentNotice: SOAP fault: s:Server: boom"},
		{&Error{Fault: FaultSystem}, "soap: PAA_SYSTEM_ERROR"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	e := &Error{Err: errPattern}
	if !errors.Is(e, ErrInvalid) || errors.Is(e, ErrMalformed) || e.Unwrap() != errPattern {
		t.Errorf("Unwrap does not lead to ErrInvalid only")
	}
}

// TestLimitsDefaults: zero fields stand for DefaultLimits.
func TestLimitsDefaults(t *testing.T) {
	if got := (Limits{MaxDepth: 3}).withDefaults(); got != (Limits{MaxBytes: DefaultLimits.MaxBytes, MaxDepth: 3, MaxElements: DefaultLimits.MaxElements}) {
		t.Errorf("withDefaults = %+v", got)
	}
	if got := (Limits{MaxBytes: -1, MaxDepth: -1, MaxElements: -1}).withDefaults(); got != DefaultLimits {
		t.Errorf("withDefaults = %+v", got)
	}
}
