package notice

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sampleDataMatrix(t testing.TB) DataMatrix {
	return DataMatrix{
		Number:           mustParse(t, "302000000000000184"),
		PostalAccount:    "12345678",
		AmountCents:      13650,
		FiscalCode:       "01234567890",
		DebtorFiscalCode: "rssmra80a01h501u",
		DebtorName:       "Niccolò Rossi",
		Subject:          "TARI 2025 - Tassa rifiuti",
	}
}

func TestDataMatrixPayload(t *testing.T) {
	// Assembled field by field from the layout in pagopa.md §2.2.
	want := "codfase=NBPA;" +
		"18" + "302000000000000184" +
		"12" + "000012345678" +
		"10" + "0000013650" +
		"3" + "896" +
		"1P1" +
		"01234567890" +
		"RSSMRA80A01H501U" +
		"Niccolo' Rossi" + strings.Repeat(" ", 40-14) +
		"TARI 2025 - Tassa rifiuti" + strings.Repeat(" ", 110-25) +
		strings.Repeat(" ", 12) +
		"A"
	if len(want) != 256 {
		t.Fatalf("test vector is %d characters", len(want))
	}
	d := sampleDataMatrix(t)
	got, err := d.Payload()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Payload()\n got %q\nwant %q", got, want)
	}
	cl, _ := d.Codeline()
	if cl != want[13:63] || cl != "18302000000000000184120000123456781000000136503896" {
		t.Errorf("Codeline() = %q", cl)
	}

	back, err := ParseDataMatrix(got)
	if err != nil {
		t.Fatal(err)
	}
	wantBack := d
	wantBack.DebtorFiscalCode = "RSSMRA80A01H501U"
	wantBack.DebtorName = "Niccolo' Rossi"
	if diff := cmp.Diff(wantBack, back, cmp.AllowUnexported(Number{})); diff != "" {
		t.Errorf("ParseDataMatrix (-want +got):\n%s", diff)
	}
}

func TestDataMatrixFullWidths(t *testing.T) {
	d := DataMatrix{
		Number:           mustParse(t, "348172725623804858"),
		PostalAccount:    "999999999999",
		AmountCents:      MaxQRAmountCents,
		FiscalCode:       "99999999999",
		DebtorFiscalCode: "",
		DebtorName:       strings.Repeat("N", 40),
		Subject:          strings.Repeat("S", 110),
	}
	p, err := d.Payload()
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 256 || p[77:93] != strings.Repeat(" ", 16) || p[93:133] != d.DebtorName || p[133:243] != d.Subject {
		t.Errorf("payload %q", p)
	}
	back, err := ParseDataMatrix(p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back, cmp.AllowUnexported(Number{})); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDataMatrixErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*DataMatrix)
		field string
		want  error
	}{
		{"no notice", func(d *DataMatrix) { d.Number = Number{} }, "notice_number", ErrMissing},
		{"bad check digit", func(d *DataMatrix) { d.Number = mustParse(t, "302012387654312384") }, "notice_number", ErrCheckDigit},
		{"no account", func(d *DataMatrix) { d.PostalAccount = "" }, "postal_account", ErrMissing},
		{"long account", func(d *DataMatrix) { d.PostalAccount = "1234567890123" }, "postal_account", ErrTooLong},
		{"letters in account", func(d *DataMatrix) { d.PostalAccount = "12345X" }, "postal_account", ErrDigits},
		{"zero amount", func(d *DataMatrix) { d.AmountCents = 0 }, "amount_cents", ErrAmount},
		{"amount over 10 digits", func(d *DataMatrix) { d.AmountCents = 99_999_999_999 }, "amount_cents", ErrAmount},
		{"ente CF", func(d *DataMatrix) { d.FiscalCode = "0123456789A" }, "fiscal_code", ErrFiscalCode},
		{"debtor CF too long", func(d *DataMatrix) { d.DebtorFiscalCode = "RSSMRA80A01H501UX" }, "debtor_fiscal_code", ErrTooLong},
		{"debtor CF chars", func(d *DataMatrix) { d.DebtorFiscalCode = "RSSMRA80A01H501-" }, "debtor_fiscal_code", ErrFiscalCode},
		{"debtor CF check char", func(d *DataMatrix) { d.DebtorFiscalCode = "RSSMRA80A01H501A" }, "debtor_fiscal_code", ErrFiscalCode},
		{"debtor CF numeric check digit", func(d *DataMatrix) { d.DebtorFiscalCode = "00743110158" }, "debtor_fiscal_code", ErrFiscalCode},
		{"debtor CF length", func(d *DataMatrix) { d.DebtorFiscalCode = "RSSMRA80A01" }, "debtor_fiscal_code", ErrFiscalCode},
		{"name too long", func(d *DataMatrix) { d.DebtorName = strings.Repeat("x", 41) }, "debtor_name", ErrTooLong},
		{"name too long after transliteration", func(d *DataMatrix) { d.DebtorName = strings.Repeat("x", 39) + "ò" }, "debtor_name", ErrTooLong},
		{"name not Latin", func(d *DataMatrix) { d.DebtorName = "王伟" }, "debtor_name", ErrCharset},
		{"name with newline", func(d *DataMatrix) { d.DebtorName = "Mario\nRossi" }, "debtor_name", ErrCharset},
		{"name not UTF-8", func(d *DataMatrix) { d.DebtorName = "Mario \xff" }, "debtor_name", ErrCharset},
		{"subject too long", func(d *DataMatrix) { d.Subject = strings.Repeat("x", 111) }, "subject", ErrTooLong},
		{"no subject", func(d *DataMatrix) { d.Subject = "  " }, "subject", ErrMissing},
	} {
		d := sampleDataMatrix(t)
		tt.edit(&d)
		_, err := d.Payload()
		var fe *FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: %v, want %s: %v", tt.name, err, tt.field, tt.want)
			continue
		}
		if fe.Field == "debtor_name" || fe.Field == "debtor_fiscal_code" || fe.Field == "subject" {
			if fe.Value != "" {
				t.Errorf("%s: error carries personal data %q", tt.name, fe.Value)
			}
		}
	}
}

func TestParseDataMatrixErrors(t *testing.T) {
	good, err := sampleDataMatrix(t).Payload()
	if err != nil {
		t.Fatal(err)
	}
	at := func(pos int, s string) string { return good[:pos] + s + good[pos+len(s):] }
	for _, tt := range []struct {
		name string
		in   string
		want error
	}{
		{"short", good[:255], ErrLength},
		{"long", good + " ", ErrLength},
		{"prefix", at(0, "codfase=NBPB;"), ErrSyntax},
		{"nav tag", at(13, "17"), ErrSyntax},
		{"account tag", at(33, "11"), ErrSyntax},
		{"amount tag", at(47, "11"), ErrSyntax},
		{"doc type", at(60, "897"), ErrSyntax},
		{"fixed 1P1", at(63, "1P2"), ErrSyntax},
		{"terminator", at(255, "B"), ErrSyntax},
		{"nav digits", at(20, "x"), ErrDigits},
		{"nav aux", at(15, "5"), ErrAuxDigit},
		{"account digits", at(40, "x"), ErrDigits},
		{"account zero", at(35, "000000000000"), ErrMissing},
		{"amount digits", at(50, "x"), ErrDigits},
		{"amount zero", at(49, "0000000000"), ErrAmount},
		{"ente CF", at(66, "A"), ErrFiscalCode},
		{"control char", at(100, "\x00"), ErrCharset},
		{"non-ASCII", at(100, "\xc3"), ErrCharset},
	} {
		if _, err := ParseDataMatrix(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestDataMatrixSymbol(t *testing.T) {
	m, err := sampleDataMatrix(t).Modules()
	if err != nil {
		t.Fatal(err)
	}
	n := len(m)
	if n == 0 || n != len(m[0]) || n%2 != 0 {
		t.Fatalf("symbol is %d×%d, want an even square (ECC 200)", n, len(m[0]))
	}
	// ECC 200 finder: solid left column and bottom row.
	for i := 0; i < n; i++ {
		if !m[i][0] || !m[n-1][i] {
			t.Fatalf("finder pattern broken at %d", i)
		}
	}
	// Clock track: the top row alternates dark and light from the left.
	for x := 0; x < n; x++ {
		if m[0][x] != (x%2 == 0) {
			t.Fatalf("timing pattern broken at column %d", x)
		}
	}
	if _, err := sampleDataMatrix(t).PNG(0); err == nil {
		t.Error("PNG(0) succeeded")
	}
}

// A payload printed with a lower-case debtor fiscal code parses to the
// upper-case code Payload would write (found by FuzzParseDataMatrix).
func TestParseDataMatrixUpperCasesDebtor(t *testing.T) {
	p, err := sampleDataMatrix(t).Payload()
	if err != nil {
		t.Fatal(err)
	}
	lower := p[:77] + "rssmra80a01h501u" + p[93:]
	d, err := ParseDataMatrix(lower)
	if err != nil {
		t.Fatal(err)
	}
	if d.DebtorFiscalCode != "RSSMRA80A01H501U" {
		t.Errorf("DebtorFiscalCode = %q, want RSSMRA80A01H501U", d.DebtorFiscalCode)
	}
}

func TestDataMatrixDebtorKinds(t *testing.T) {
	for _, cf := range []string{"", "ANONYMOUS", "anonymous", "00743110157", "RSSMRA80A01H50MM"} {
		d := sampleDataMatrix(t)
		d.DebtorFiscalCode = cf
		p, err := d.Payload()
		if err != nil {
			t.Errorf("debtor %q: %v", cf, err)
			continue
		}
		if got, want := p[77:93], strings.ToUpper(cf)+strings.Repeat(" ", 16-len(cf)); got != want {
			t.Errorf("debtor %q: field %q, want %q", cf, got, want)
		}
	}
}
