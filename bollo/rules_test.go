package bollo_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/bollo"
)

const (
	refCert     = "art. 3 of the Tariff (Annex A), Part I, DPR 642/1972"
	refIstanza  = "art. 3 and 3(1-bis) of the Tariff (Annex A), Part I, DPR 642/1972"
	refDocument = "art. 13 nn. 1 and 2 of the Tariff (Annex A), Part I, DPR 642/1972; amount set by Law 71/2013"
	refVAT      = "DPR 642/1972 (general rule; Tariff notes not identified)"
)

var (
	certDuty = bollo.Duty{
		AmountCents: 1600,
		Reason:      "€16.00: certificates, " + refCert,
		Reference:   refCert,
	}
	istanzaDuty = bollo.Duty{
		AmountCents: 1600,
		Reason:      "€16.00: applications (istanze) to a public body, flat also when sent electronically, " + refIstanza,
		Reference:   refIstanza,
	}
	twoEuro = bollo.Duty{
		AmountCents: 200,
		Reason:      "€2.00: invoices, receipts and statements over €77.47 for operations not subject to VAT, " + refDocument,
		Reference:   refDocument,
	}
	underThreshold = bollo.Duty{
		Reason:    "€0.00: no duty on invoices, receipts and statements of €77.47 or less, " + refDocument,
		Reference: refDocument,
	}
	subjectToVAT = bollo.Duty{
		Reason:    "€0.00: no duty on documents for operations subject to VAT (general rule of alternation between VAT and stamp duty), " + refVAT,
		Reference: refVAT,
	}
)

func TestDue(t *testing.T) {
	tests := []struct {
		name      string
		kind      bollo.DocumentKind
		cents     int64
		vatExempt bool
		want      bollo.Duty
	}{
		{"certificate zero amount", bollo.Certificate, 0, false, certDuty},
		{"certificate large amount VAT exempt", bollo.Certificate, 1_000_000, true, certDuty},
		{"certificate one cent", bollo.Certificate, 1, false, certDuty},
		{"istanza", bollo.Application, 0, false, istanzaDuty},
		{"istanza any amount", bollo.Application, 7748, true, istanzaDuty},
		{"document zero VAT exempt", bollo.Document, 0, true, underThreshold},
		{"document 77.46 VAT exempt", bollo.Document, 7746, true, underThreshold},
		{"document exactly 77.47 VAT exempt", bollo.Document, 7747, true, underThreshold},
		{"document 77.48 VAT exempt", bollo.Document, 7748, true, twoEuro},
		{"document 1000.00 VAT exempt", bollo.Document, 100000, true, twoEuro},
		{"document max int64 VAT exempt", bollo.Document, 1<<63 - 1, true, twoEuro},
		{"document 77.48 subject to VAT", bollo.Document, 7748, false, subjectToVAT},
		{"document 77.47 subject to VAT", bollo.Document, 7747, false, subjectToVAT},
		{"document 1000.00 subject to VAT", bollo.Document, 100000, false, subjectToVAT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bollo.Due(tt.kind, tt.cents, tt.vatExempt)
			if err != nil {
				t.Fatalf("Due: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Due(%q, %d, %v) mismatch (-want +got):\n%s", tt.kind, tt.cents, tt.vatExempt, diff)
			}
		})
	}
}

func TestDueErrors(t *testing.T) {
	tests := []struct {
		name  string
		kind  bollo.DocumentKind
		cents int64
		want  error
		field string
	}{
		{"empty kind", "", 100, bollo.ErrUnknownKind, "kind"},
		{"unknown kind", "invoice", 100, bollo.ErrUnknownKind, "kind"},
		{"kind is case sensitive", "Certificate", 100, bollo.ErrUnknownKind, "kind"},
		{"long kind", bollo.DocumentKind(strings.Repeat("x", 1<<20)), 100, bollo.ErrUnknownKind, "kind"},
		{"negative certificate", bollo.Certificate, -1, bollo.ErrInvalid, "amountCents"},
		{"negative document", bollo.Document, -7748, bollo.ErrInvalid, "amountCents"},
		{"min int64", bollo.Document, -1 << 63, bollo.ErrInvalid, "amountCents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bollo.Due(tt.kind, tt.cents, true)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Due error = %v, want %v", err, tt.want)
			}
			var re *bollo.RuleError
			if !errors.As(err, &re) || re.Field != tt.field {
				t.Fatalf("Due error = %#v, want *RuleError on field %q", err, tt.field)
			}
			if len(err.Error()) > 200 {
				t.Errorf("error message not bounded: %d bytes", len(err.Error()))
			}
			if got != (bollo.Duty{}) {
				t.Errorf("Due returned %+v with an error", got)
			}
		})
	}
}

func TestExempt(t *testing.T) {
	tests := []struct {
		code string
		want bollo.Duty
	}{
		{"1", bollo.Duty{Reason: "€0.00: exempt, ONLUS, art. 27-bis of Table B, DPR 642/1972", Reference: "art. 27-bis of Table B, DPR 642/1972"}},
		{"3", bollo.Duty{Reason: "€0.00: exempt, court proceedings, art. 18 DPR 115/2002", Reference: "art. 18 DPR 115/2002"}},
		{"7", bollo.Duty{Reason: "€0.00: exempt, separation and divorce, art. 19 Law 74/1987", Reference: "art. 19 Law 74/1987"}},
		{"10", bollo.Duty{Reason: "€0.00: exempt, exchange of documents between public bodies, art. 16 of Table B, DPR 642/1972", Reference: "art. 16 of Table B, DPR 642/1972"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := bollo.Exempt(tt.code)
			if err != nil {
				t.Fatalf("Exempt: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Exempt(%q) mismatch (-want +got):\n%s", tt.code, diff)
			}
		})
	}
	for _, code := range []string{"", "0", "11", "99", "01", " 1"} {
		_, err := bollo.Exempt(code)
		var re *bollo.RuleError
		if !errors.Is(err, bollo.ErrUnknownExemption) || !errors.As(err, &re) || re.Field != "code" {
			t.Errorf("Exempt(%q) error = %v, want ErrUnknownExemption on code", code, err)
		}
	}
}

func TestVirtualStampWording(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	tests := []struct {
		name string
		auth string
		date time.Time
		want string
	}{
		{
			"plain",
			"12345/2019", time.Date(2019, 3, 7, 0, 0, 0, 0, time.UTC),
			"Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. 12345/2019 del 07/03/2019",
		},
		{
			"spaces trimmed",
			"  42 ", time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC),
			"Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. 42 del 31/12/2024",
		},
		{
			// 23:30 UTC on 31/12/2024 is already 01/01/2025 in Rome.
			"date in its own location",
			"7", time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC).In(rome),
			"Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. 7 del 01/01/2025",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bollo.VirtualStampWording(tt.auth, tt.date)
			if err != nil {
				t.Fatalf("VirtualStampWording: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestVirtualStampWordingErrors(t *testing.T) {
	day := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		auth  string
		date  time.Time
		field string
	}{
		{"empty", "", day, "authorisation"},
		{"blank", " \t ", day, "authorisation"},
		{"too long", strings.Repeat("1", 65), day, "authorisation"},
		{"newline injection", "1\nImposta assolta", day, "authorisation"},
		{"NUL", "1\x00", day, "authorisation"},
		{"bad UTF-8", "1\xff", day, "authorisation"},
		{"zero date", "123", time.Time{}, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bollo.VirtualStampWording(tt.auth, tt.date)
			var re *bollo.RuleError
			if !errors.Is(err, bollo.ErrInvalid) || !errors.As(err, &re) || re.Field != tt.field {
				t.Fatalf("error = %v, want ErrInvalid on %s", err, tt.field)
			}
			if got != "" {
				t.Errorf("returned %q with an error", got)
			}
		})
	}
	// 64 bytes is the longest accepted.
	if _, err := bollo.VirtualStampWording(strings.Repeat("1", 64), day); err != nil {
		t.Errorf("64-byte authorisation: %v", err)
	}
}

func ExampleDue() {
	for _, c := range []struct {
		kind      bollo.DocumentKind
		cents     int64
		vatExempt bool
	}{
		{bollo.Certificate, 0, false},
		{bollo.Document, 7747, true},
		{bollo.Document, 7748, true},
	} {
		d, err := bollo.Due(c.kind, c.cents, c.vatExempt)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d.AmountCents, d.Reason)
	}
	_, err := bollo.Due("invoice", 100, true)
	fmt.Println(errors.Is(err, bollo.ErrUnknownKind), err)
	// Output:
	// 1600 €16.00: certificates, art. 3 of the Tariff (Annex A), Part I, DPR 642/1972
	// 0 €0.00: no duty on invoices, receipts and statements of €77.47 or less, art. 13 nn. 1 and 2 of the Tariff (Annex A), Part I, DPR 642/1972; amount set by Law 71/2013
	// 200 €2.00: invoices, receipts and statements over €77.47 for operations not subject to VAT, art. 13 nn. 1 and 2 of the Tariff (Annex A), Part I, DPR 642/1972; amount set by Law 71/2013
	// true bollo: unknown document kind: kind: "invoice"
}

func ExampleVirtualStampWording() {
	s, err := bollo.VirtualStampWording("12345/2019", time.Date(2019, 3, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	// Output:
	// Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. 12345/2019 del 07/03/2019
}
