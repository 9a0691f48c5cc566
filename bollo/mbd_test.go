package bollo

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sigStub stands for a ds:Signature, whose content ParseMBD does not read.
const sigStub = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>`

func withSig(doc string) string {
	return strings.Replace(doc, "</marcaDaBollo>", sigStub+"</marcaDaBollo>", 1)
}

func TestParseMBD(t *testing.T) {
	doc := withSig(unsignedMBD)
	m, err := ParseMBD([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := &MBD{
		PSPFiscalCode:  "12345678901",
		PSPName:        "PSP Test S.p.A.",
		IUBD:           "01240002186093",
		PurchasedAt:    time.Date(2024, 7, 8, 18, 18, 1, 0, time.UTC),
		AmountCents:    1600,
		Type:           "01",
		DocumentDigest: "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
		DigestMethod:   "http://www.w3.org/2001/04/xmlenc#sha256",
		Raw:            []byte(doc),
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("ParseMBD (-want +got):\n%s", diff)
	}
	if _, off := m.PurchasedAt.Zone(); off != 2*60*60 {
		t.Errorf("PurchasedAt zone offset %d; want +02:00 as written", off)
	}
}

func TestParseMBDErrors(t *testing.T) {
	doc := withSig(unsignedMBD)
	tests := []struct {
		name, old, new string
		want           error
		path           string
	}{
		{"three decimals", "<Importo>16.00</Importo>", "<Importo>5.845</Importo>", ErrInvalid, "/marcaDaBollo/Importo"},
		{"comma", "<Importo>16.00</Importo>", "<Importo>5,84</Importo>", ErrInvalid, "/marcaDaBollo/Importo"},
		{"negative", "<Importo>16.00</Importo>", "<Importo>-16.00</Importo>", ErrInvalid, "/marcaDaBollo/Importo"},
		{"zero", "<Importo>16.00</Importo>", "<Importo>0.00</Importo>", ErrInvalid, "/marcaDaBollo/Importo"},
		{"exponent", "<Importo>16.00</Importo>", "<Importo>1e3</Importo>", ErrInvalid, "/marcaDaBollo/Importo"},
		{"no zone", "+02:00</OraAcquisto>", "</OraAcquisto>", ErrInvalid, "/marcaDaBollo/OraAcquisto"},
		{"not a date", "2024-07-08T20:18:01+02:00", "yesterday", ErrInvalid, "/marcaDaBollo/OraAcquisto"},
		{"empty IUBD", "<IUBD>01240002186093</IUBD>", "<IUBD></IUBD>", ErrInvalid, "/marcaDaBollo/IUBD"},
		{"space in IUBD", "<IUBD>01240002186093</IUBD>", "<IUBD> 01240002186093</IUBD>", ErrInvalid, "/marcaDaBollo/IUBD"},
		{"missing IUBD", "<IUBD>01240002186093</IUBD>", "", ErrMalformed, "/marcaDaBollo/OraAcquisto"},
		{"duplicated IUBD", "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186093</IUBD><IUBD>9</IUBD>", ErrMalformed, "/marcaDaBollo/IUBD"},
		{"missing signature", sigStub, "", ErrMissing, "/marcaDaBollo/Signature"},
		{"element in IUBD", "<IUBD>01240002186093</IUBD>", "<IUBD>0124<b/>0002186093</IUBD>", ErrMalformed, "/marcaDaBollo/IUBD/b"},
		{"wrong namespace", `xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"`, `xmlns="urn:evil"`, ErrMalformed, "/marcaDaBollo"},
		{"bad digest base64", stampedHash, "s", ErrInvalid, "/marcaDaBollo/ImprontaDocumento/DigestValue"},
		{"missing DigestValue", "<ns2:DigestValue>" + stampedHash + "</ns2:DigestValue>", "", ErrMissing, "/marcaDaBollo/ImprontaDocumento/DigestValue"},
		{"DigestMethod without Algorithm", ` Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"`, "", ErrMissing, "/marcaDaBollo/ImprontaDocumento/DigestMethod/@Algorithm"},
		{"DTD", "<marcaDaBollo ", `<!DOCTYPE marcaDaBollo [<!ENTITY a "a">]><marcaDaBollo `, ErrMalformed, ""},
		{"processing instruction", "<PSP>", "<?evil x?><PSP>", ErrMalformed, "/marcaDaBollo"},
		{"undeclared entity", "PSP Test S.p.A.", "&a;", ErrMalformed, "/marcaDaBollo/PSP/Denominazione"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMBD([]byte(replace(t, doc, tt.old, tt.new)))
			var pe *ParseError
			if !errors.Is(err, tt.want) || !errors.As(err, &pe) {
				t.Fatalf("error %v; want a *ParseError wrapping %v", err, tt.want)
			}
			if pe.Path != tt.path {
				t.Errorf("Path %q; want %q (%v)", pe.Path, tt.path, err)
			}
		})
	}
}

// A comment inside IUBD does not split the value.
func TestParseMBDCommentInIUBD(t *testing.T) {
	doc := replace(t, withSig(unsignedMBD), "<IUBD>01240002186093</IUBD>", "<IUBD>0124<!-- x -->0002186093</IUBD>")
	m, err := ParseMBD([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if m.IUBD != "01240002186093" {
		t.Errorf("IUBD %q; want 01240002186093", m.IUBD)
	}
}

func TestParseMBDTooLarge(t *testing.T) {
	big := replace(t, withSig(unsignedMBD), "PSP Test S.p.A.", strings.Repeat("x", MaxMBDSize))
	_, err := ParseMBD([]byte(big))
	wantErr(t, err, ErrTooLarge)
	deep := replace(t, withSig(unsignedMBD), "<SignedInfo/>", strings.Repeat("<a>", 40)+strings.Repeat("</a>", 40))
	_, err = ParseMBD([]byte(deep))
	wantErr(t, err, ErrTooLarge)
	many := replace(t, withSig(unsignedMBD), "<SignedInfo/>", strings.Repeat("<a/>", 300))
	_, err = ParseMBD([]byte(many))
	wantErr(t, err, ErrTooLarge)
}

func TestParseCents(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"16.00", 1600}, {"16.0", 1600}, {"16", 1600}, {"16.", 1600}, {"5.8", 580},
		{".5", 50}, {"+2.00", 200}, {"0.01", 1}, {"999999999999999.99", 99999999999999999},
	}
	for _, tt := range tests {
		got, err := parseCents(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseCents(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", ".", "5.845", "5,84", "-1", "1e3", "0", "0.00", "1 6", "1000000000000000", "٣"} {
		if got, err := parseCents(in); err == nil {
			t.Errorf("parseCents(%q) = %d; want an error", in, got)
		}
	}
}
