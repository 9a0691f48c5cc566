package receipt_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/receipt"
)

// deleteElement removes the first <name>…</name> (with its prefix, if
// any) from doc.
func deleteElement(t *testing.T, doc, name string) string {
	t.Helper()
	i := strings.Index(doc, "<"+name+">")
	end := "</" + name + ">"
	if i < 0 {
		t.Fatalf("<%s> not found", name)
	}
	j := strings.Index(doc[i:], end)
	return doc[:i] + doc[i+j+len(end):]
}

// deleteNth removes the n-th (1-based) <name>…</name> element.
func deleteNth(t *testing.T, doc, name string, n int) string {
	t.Helper()
	off := 0
	for k := 1; ; k++ {
		i := strings.Index(doc[off:], "<"+name+">")
		if i < 0 {
			t.Fatalf("<%s> number %d not found", name, n)
		}
		if k == n {
			return doc[:off] + deleteElement(t, doc[off:], name)
		}
		off += i + 1
	}
}

func TestParseMissingMandatory(t *testing.T) {
	v1 := string(testdata(t, "receipt_v1.xml"))
	v2 := string(testdata(t, "sendrtv2.xml"))
	rt := string(testdata(t, "rt.xml"))
	tests := []struct {
		name, in, path string
	}{
		{"receiptId", deleteElement(t, v1, "receiptId"), "receipt/receiptId"},
		{"fiscalCode", deleteElement(t, v1, "fiscalCode"), "receipt/fiscalCode"},
		{"outcome", deleteElement(t, v1, "outcome"), "receipt/outcome"},
		{"creditorReferenceId", deleteElement(t, v1, "creditorReferenceId"), "receipt/creditorReferenceId"},
		{"paymentAmount", deleteElement(t, v1, "paymentAmount"), "receipt/paymentAmount"},
		{"empty receiptId", strings.Replace(v1, ">9a8b7c6d5e4f40312a1b2c3d4e5f6a7b<", "><", 1), "receipt/receiptId"},
		{"blank outcome", strings.Replace(v1, "<outcome>OK<", "<outcome> \n <", 1), "receipt/outcome"},
		{"empty paymentAmount", strings.Replace(v1, "<paymentAmount>1020.99<", "<paymentAmount><", 1), "receipt/paymentAmount"},
		{"self-closing fiscalCode", strings.Replace(v1, "<fiscalCode>80012345678</fiscalCode>", "<fiscalCode/>", 1), "receipt/fiscalCode"},
		{"idTransfer of transfer 2", deleteNth(t, v1, "idTransfer", 2), "receipt/transferList/transfer[2]/idTransfer"},
		{"transferAmount of transfer 2", deleteNth(t, v1, "transferAmount", 2), "receipt/transferList/transfer[2]/transferAmount"},
		{"fiscalCodePA of transfer 1", deleteNth(t, v1, "fiscalCodePA", 1), "receipt/transferList/transfer[1]/fiscalCodePA"},
		{"V2 in envelope: transferAmount of transfer 2", deleteNth(t, v2, "transferAmount", 2), "receipt/transferList/transfer[2]/transferAmount"},
		{"V2 in envelope: receiptId", deleteElement(t, v2, "receiptId"), "receipt/receiptId"},
		{"request without receipt", `<paSendRTV2Request><idPA>1</idPA></paSendRTV2Request>`, "paSendRTV2Request/receipt"},
		{"RT identificativoDominio", deleteElement(t, rt, "pay_i:identificativoDominio"), "RT/dominio/identificativoDominio"},
		{"RT dominio", deleteElement(t, rt, "pay_i:dominio"), "RT/dominio"},
		{"RT identificativoMessaggioRicevuta", deleteElement(t, rt, "pay_i:identificativoMessaggioRicevuta"), "RT/identificativoMessaggioRicevuta"},
		{"RT codiceEsitoPagamento", deleteElement(t, rt, "pay_i:codiceEsitoPagamento"), "RT/datiPagamento/codiceEsitoPagamento"},
		{"RT importoTotalePagato", deleteElement(t, rt, "pay_i:importoTotalePagato"), "RT/datiPagamento/importoTotalePagato"},
		{"RT identificativoUnivocoVersamento", deleteElement(t, rt, "pay_i:identificativoUnivocoVersamento"), "RT/datiPagamento/identificativoUnivocoVersamento"},
		{"RT datiPagamento", deleteElement(t, rt, "pay_i:datiPagamento"), "RT/datiPagamento"},
		{"RT singoloImportoPagato 2", deleteNth(t, rt, "pay_i:singoloImportoPagato", 2), "RT/datiPagamento/datiSingoloPagamento[2]/singoloImportoPagato"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if r != nil || !errors.Is(err, receipt.ErrMissing) {
				t.Fatalf("Parse = %v, %v; want ErrMissing", r != nil, err)
			}
			if p := fieldPath(err); p != tt.path {
				t.Errorf("path %q, want %q (%v)", p, tt.path, err)
			}
		})
	}
}

func TestParseInvalidValues(t *testing.T) {
	v1 := string(testdata(t, "receipt_v1.xml"))
	rt := string(testdata(t, "rt.xml"))
	set := func(doc, old, new string) string {
		t.Helper()
		if !strings.Contains(doc, old) {
			t.Fatalf("%q not found", old)
		}
		return strings.Replace(doc, old, new, 1)
	}
	var tests []struct{ name, in, path string }
	add := func(name, in, path string) { tests = append(tests, struct{ name, in, path string }{name, in, path}) }
	for _, amount := range []string{"16,00", "1e3", "-1.00", "+1.00", "16.001", "16.0", "16", ".50", "16.", "1 6.00", "16.00 EUR", "１６.00", "0x10.00", "16.0a", "12345678901234567.00"} {
		add("paymentAmount "+amount, set(v1, "<paymentAmount>1020.99<", "<paymentAmount>"+amount+"<"), "receipt/paymentAmount")
	}
	add("transferAmount", set(v1, "<transferAmount>20.99<", "<transferAmount>20,99<"), "receipt/transferList/transfer[2]/transferAmount")
	add("fee", set(v1, "<paymentMethod>cash</paymentMethod>", "<paymentMethod>cash</paymentMethod><fee>1.5</fee>"), "receipt/fee")
	add("idTransfer", set(v1, "<idTransfer>2<", "<idTransfer>two<"), "receipt/transferList/transfer[2]/idTransfer")
	for _, date := range []string{"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "24-10-28", "2024/10/28", "2024-10-28T00:00:00", "28-10-2024", "2024-10-28+25:00", "2024-1-28"} {
		add("applicationDate "+date, set(v1, "<applicationDate>2024-10-28<", "<applicationDate>"+date+"<"), "receipt/applicationDate")
	}
	for _, dt := range []string{"2024-10-27 02:30:00", "2024-10-27T25:00:00", "2024-10-27T02:60:00", "2024-10-27T02:30:60", "2024-10-27T02:30", "2024-10-27T02:30:00.", "2024-10-27T02:30:00+1:00", "2024-10-27T24:00:01", "2024-10-27", "yesterday"} {
		add("paymentDateTime "+dt, set(v1, "<paymentDateTime>2024-10-27T02:30:00+01:00<", "<paymentDateTime>"+dt+"<"), "receipt/paymentDateTime")
	}
	add("RT importoTotalePagato", set(rt, "<pay_i:importoTotalePagato>36.52<", "<pay_i:importoTotalePagato>36.5<"), "RT/datiPagamento/importoTotalePagato")
	add("RT singoloImportoPagato", set(rt, "<pay_i:singoloImportoPagato>16.00<", "<pay_i:singoloImportoPagato>16<"), "RT/datiPagamento/datiSingoloPagamento[2]/singoloImportoPagato")
	add("RT dataEsitoSingoloPagamento", set(rt, "<pay_i:dataEsitoSingoloPagamento>2019-07-16<", "<pay_i:dataEsitoSingoloPagamento>16/07/2019<"), "RT/datiPagamento/datiSingoloPagamento[2]/dataEsitoSingoloPagamento")
	add("RT dataOraMessaggioRicevuta", set(rt, "<pay_i:dataOraMessaggioRicevuta>2019-07-15T16:42:05<", "<pay_i:dataOraMessaggioRicevuta>2019-07-15<"), "RT/dataOraMessaggioRicevuta")
	add("RT commissioniApplicatePSP", set(rt, "<pay_i:commissioniApplicatePSP>1.00<", "<pay_i:commissioniApplicatePSP>1<"), "RT/datiPagamento/datiSingoloPagamento[1]/commissioniApplicatePSP")

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if r != nil || !errors.Is(err, receipt.ErrInvalid) {
				t.Fatalf("Parse = %v, %v; want ErrInvalid", r != nil, err)
			}
			if p := fieldPath(err); p != tt.path {
				t.Errorf("path %q, want %q (%v)", p, tt.path, err)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	v2 := testdata(t, "sendrtv2.xml")
	deep := strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40)
	many := "<receipt>" + strings.Repeat("<x/>", 20_001) + "</receipt>"
	tests := []struct {
		name string
		lim  receipt.Limits
		in   []byte
		want error
	}{
		{"MaxBytes", receipt.Limits{MaxBytes: int64(len(v2)) - 1}, v2, receipt.ErrTooLarge},
		{"MaxBytes exactly", receipt.Limits{MaxBytes: int64(len(v2))}, v2, nil},
		{"default MaxBytes", receipt.Limits{}, make([]byte, 4<<20+1), receipt.ErrTooLarge},
		{"MaxDepth", receipt.Limits{MaxDepth: 6}, v2, receipt.ErrTooDeep}, // Envelope/Body/paSendRTV2Request/receipt/metadata/mapEntry/key
		{"MaxDepth 7 is enough", receipt.Limits{MaxDepth: 7}, v2, nil},
		{"default MaxDepth", receipt.Limits{}, []byte(deep), receipt.ErrTooDeep},
		{"MaxElements", receipt.Limits{MaxElements: 10}, v2, receipt.ErrTooManyElements},
		{"default MaxElements", receipt.Limits{}, []byte(many), receipt.ErrTooManyElements},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.lim.Parse(tt.in)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if r != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", r != nil, err, tt.want)
			}
		})
	}
}

func TestParseAttacks(t *testing.T) {
	const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<receipt><receiptId>&lol9;</receiptId></receipt>`
	const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><receipt><receiptId>&x;</receiptId></receipt>`
	rtBomb := base64.StdEncoding.EncodeToString([]byte(laughs))
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"billion laughs", laughs, receipt.ErrMalformed},
		{"external entity", xxe, receipt.ErrMalformed},
		{"DOCTYPE without entities", `<!DOCTYPE receipt><receipt/>`, receipt.ErrMalformed},
		{"DOCTYPE after the root", `<receipt/><!DOCTYPE receipt>`, receipt.ErrMalformed},
		{"undeclared entity", `<receipt><receiptId>&x;</receiptId></receipt>`, receipt.ErrMalformed},
		{"entity bomb in a base64 RT", `<paaInviaRT><rt>` + rtBomb + `</rt></paaInviaRT>`, receipt.ErrMalformed},
		{"entity bomb in a JSON string", fmt.Sprintf("%q", laughs), receipt.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if r != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", r != nil, err, tt.want)
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", receipt.ErrMalformed},
		{"blank", " \n\t", receipt.ErrMalformed},
		{"plain text", "hello", receipt.ErrMalformed},
		{"PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", receipt.ErrMalformed},
		{"binary", "\x00\x01\x02\xff", receipt.ErrMalformed},
		{"number", "123", receipt.ErrMalformed},
		{"mismatched end tag", "<receipt></receipT>", receipt.ErrMalformed},
		{"mismatched prefix", "<a:receipt xmlns:a='x'></b:receipt>", receipt.ErrMalformed},
		{"two roots", "<receipt/><receipt/>", receipt.ErrMalformed},
		{"text after the root", "<receipt/>trailing", receipt.ErrMalformed},
		{"stray end tag", "</receipt>", receipt.ErrMalformed},
		{"bad UTF-8", "<receipt><receiptId>\xff</receiptId></receipt>", receipt.ErrMalformed},
		{"unquoted attribute", "<receipt a=b/>", receipt.ErrMalformed},
		{"HTML", "<html><body>receipt</body></html>", receipt.ErrUnknownFormat},
		{"other SOAP operation", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><paGetPaymentReq/></s:Body></s:Envelope>`, receipt.ErrUnknownFormat},
		{"empty SOAP Body", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>`, receipt.ErrUnknownFormat},
		{"envelope without Body", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>`, receipt.ErrUnknownFormat},
		{"RPT", `<RPT/>`, receipt.ErrUnknownFormat},
		{"JSON object", `{"receipt": "<receipt/>"}`, receipt.ErrUnknownFormat},
		{"JSON array", ` ["<receipt/>"]`, receipt.ErrUnknownFormat},
		{"JSON string, not XML", `"not xml"`, receipt.ErrMalformed},
		{"JSON string, unknown XML", `"<html/>"`, receipt.ErrUnknownFormat},
		{"JSON string, unterminated", `"<receipt>`, receipt.ErrMalformed},
		{"JSON string, trailing data", `"<receipt/>" x`, receipt.ErrMalformed},
		{"JSON string, bad escape", `"\q"`, receipt.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if r != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", r != nil, err, tt.want)
			}
		})
	}
}

func TestParseTruncated(t *testing.T) {
	for _, name := range []string{"sendrtv2.xml", "rt.xml", "paainviart.xml", "gpd_receipt.json"} {
		in := testdata(t, name)
		// Everything up to the end of the root's end tag is needed.
		end := strings.LastIndexByte(strings.TrimRight(string(in), " \r\n"), '>') + 1
		if name == "gpd_receipt.json" {
			end = len(in)
		}
		for n := 0; n < end; n++ {
			r, err := receipt.Parse(in[:n])
			if r != nil || err == nil || !isTyped(err) {
				t.Fatalf("%s cut at %d: Parse = %v, %v", name, n, r != nil, err)
			}
		}
	}
}

func TestParseInviaRTErrors(t *testing.T) {
	env := string(testdata(t, "paainviart.xml"))
	i, j := strings.Index(env, "<rt>"), strings.Index(env, "</rt>")
	withRT := func(rt string) string { return env[:i] + "<rt>" + rt + env[j:] }
	b64 := base64.StdEncoding.EncodeToString
	rtDoc := string(testdata(t, "rt.xml"))
	tests := []struct {
		name string
		in   string
		want error
		path string
	}{
		{"empty rt", withRT(""), receipt.ErrEmptyRT, "paaInviaRT/rt"},
		{"blank rt", withRT("\n   \n"), receipt.ErrEmptyRT, "paaInviaRT/rt"},
		{"no rt", env[:i] + env[j+len("</rt>"):], receipt.ErrMissing, "paaInviaRT/rt"},
		{"base64 garbage", withRT("!!not*base64!!"), receipt.ErrMalformed, "paaInviaRT/rt"},
		{"unpadded base64", withRT("PFJULz4"), receipt.ErrMalformed, "paaInviaRT/rt"},
		{"not XML", withRT(b64([]byte("%PDF-1.4 signed"))), receipt.ErrMalformed, "paaInviaRT/rt"},
		{"truncated XML", withRT(b64([]byte(rtDoc[:len(rtDoc)/2]))), receipt.ErrMalformed, "paaInviaRT/rt"},
		{"an RPT", withRT(b64([]byte(`<pay_i:RPT xmlns:pay_i="http://www.digitpa.gov.it/schemas/2011/Pagamenti/"/>`))), receipt.ErrUnknownFormat, "paaInviaRT/rt"},
		{"RT without identificativoDominio", withRT(b64([]byte(deleteElement(t, rtDoc, "pay_i:identificativoDominio")))), receipt.ErrMissing, "RT/dominio/identificativoDominio"},
		{"RT with a DTD", withRT(b64([]byte(`<!DOCTYPE RT><RT/>`))), receipt.ErrMalformed, "paaInviaRT/rt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if r != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", r != nil, err, tt.want)
			}
			if p := fieldPath(err); p != tt.path {
				t.Errorf("path %q, want %q", p, tt.path)
			}
			var ie *receipt.InviaRTError
			if !errors.As(err, &ie) {
				t.Fatalf("%v is not an *InviaRTError", err)
			}
			if ie.DomainID != "80012345678" || ie.IUV != "RF23000000000000123" || ie.CCP != "n/a" {
				t.Errorf("header = %q %q %q", ie.DomainID, ie.IUV, ie.CCP)
			}
		})
	}

	// Without an envelope there is no header: the error says so by
	// empty fields.
	_, err := receipt.Parse([]byte(`<paaInviaRT><tipoFirma>0</tipoFirma><rt/></paaInviaRT>`))
	var ie *receipt.InviaRTError
	if !errors.Is(err, receipt.ErrEmptyRT) || !errors.As(err, &ie) || ie.DomainID != "" || ie.IUV != "" || ie.CCP != "" {
		t.Errorf("bare paaInviaRT: %v", err)
	}
}

func TestFieldErrorMessage(t *testing.T) {
	in := strings.Replace(string(testdata(t, "receipt_v1.xml")), "<transferAmount>20.99<", "<transferAmount>20,99<", 1)
	_, err := receipt.Parse([]byte(in))
	const want = `receipt: invalid value: amount "20,99" is not digits, a point and two decimals at receipt/transferList/transfer[2]/transferAmount`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

func TestParseWarningsBounded(t *testing.T) {
	// 4,000 transfers with three departures each: the warnings stop at
	// 100, the last saying so.
	const tr = `<transfer><idTransfer>1</idTransfer><transferAmount>1.00</transferAmount><fiscalCodePA>01234567890</fiscalCodePA></transfer>`
	in := strings.Replace(`<receipt>`+minimalReceipt+`</receipt>`, "<transferList>", "<transferList>"+strings.Repeat(tr, 4000), 1)
	r, err := receipt.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Transfers) != 4001 || len(r.Warnings) != 100 {
		t.Fatalf("%d transfers, %d warnings", len(r.Transfers), len(r.Warnings))
	}
	if last := r.Warnings[99]; last != w("receipt", "more warnings left out") {
		t.Errorf("last warning %v", last)
	}
	if first := r.Warnings[0]; first != w("receipt/transferList", "4001 transfers (the schema allows one to five)") {
		t.Errorf("first warning %v", first)
	}
}
