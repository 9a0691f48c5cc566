package pagopa

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testPosition reads testdata/position.json, a position in GPD's
// PaymentPositionModel JSON: a single payment of 136,50 € with two
// transfers (TARI and TEFA) and two instalments.
func testPosition(t testing.TB) *Position {
	t.Helper()
	data, err := os.ReadFile("testdata/position.json")
	if err != nil {
		t.Fatal(err)
	}
	var p Position
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func TestPositionJSON(t *testing.T) {
	p := testPosition(t)
	due := time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	want := Option{
		IUV: "02000000000000184", Amount: 13650, Description: "TARI 2025 rata unica", DueDate: due,
		Transfers: []Transfer{
			{ID: 1, Amount: 12050, Remittance: "TARI 2025", Category: "0101101IM",
				IBAN: "IT60X0542811101000000123456", PostalIBAN: "IT71A0760103200000012345678"},
			{ID: 2, Amount: 1600, Organization: "80016350821", CompanyName: "Provincia di Esempio",
				Remittance: "TEFA 2025", Category: "0201102IM", IBAN: "IT60X0542811101000000123456",
				Metadata: []MapEntry{{"anno", "2025"}}},
		},
		Metadata: []MapEntry{{"tributo", "TARI"}},
	}
	if diff := cmp.Diff(want, p.Options[0]); diff != "" {
		t.Errorf("option 0 (-want +got):\n%s", diff)
	}
	if p.Type != NaturalPerson || p.Organization != "77777777777" || len(p.Options) != 3 || !p.Options[1].IsPartialPayment {
		t.Errorf("position fields: %+v", p)
	}
	if !p.StandInAllowed() {
		t.Error("payStandIn absent: stand-in must be allowed (GPD default)")
	}

	// Round trip, and the GPD spelling of the fields on output.
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back Position
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	var raw map[string]any
	json.Unmarshal(out, &raw)
	tr := raw["paymentOption"].([]any)[0].(map[string]any)["transfer"].([]any)[0].(map[string]any)
	if tr["idTransfer"] != "1" || tr["amount"] != float64(12050) {
		t.Errorf("transfer JSON = %v, want idTransfer \"1\" and amount 12050 (cents)", tr)
	}
}

func TestClone(t *testing.T) {
	p := testPosition(t)
	v := false
	p.PayStandIn = &v
	c := p.Clone()
	if diff := cmp.Diff(p, c); diff != "" {
		t.Fatalf("Clone differs (-want +got):\n%s", diff)
	}
	c.Options[0].Transfers[1].Metadata[0].Value = "changed"
	c.Options[0].Amount = 1
	*c.PayStandIn = true
	if p.Options[0].Transfers[1].Metadata[0].Value != "2025" || p.Options[0].Amount != 13650 || *p.PayStandIn {
		t.Error("changing the clone changed the original")
	}
}

func TestValidate(t *testing.T) {
	if err := testPosition(t).Validate(); err != nil {
		t.Fatalf("the test position is invalid: %v", err)
	}
	stamp := func(p *Position) {
		p.Options[0].Transfers[1] = Transfer{ID: 2, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
			Stamp: &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}}
	}
	tests := []struct {
		name   string
		change func(*Position)
		want   []Problem
	}{
		{"stamp transfer", stamp, nil},
		{"missing texts", func(p *Position) { p.IUPD, p.FullName, p.CompanyName = "", "", "" },
			[]Problem{{"iupd", ErrMissing}, {"fullName", ErrMissing}, {"companyName", ErrMissing}}},
		{"ente fiscal code", func(p *Position) { p.Organization = "7777777777" },
			[]Problem{{"organizationFiscalCode", ErrFiscalCode}}},
		{"debtor fiscal code", func(p *Position) { p.FiscalCode = "RSSMRA80A01H501X" },
			[]Problem{{"fiscalCode", ErrFiscalCode}}},
		{"anonymous debtor", func(p *Position) { p.FiscalCode = "ANONIMO" }, nil},
		{"type", func(p *Position) { p.Type = "X" }, []Problem{{"type", ErrFormat}}},
		{"transfers do not add up", func(p *Position) { p.Options[0].Transfers[0].Amount = 12000 },
			[]Problem{{"paymentOption[0].transfer", ErrInconsistent}}},
		{"zero amount", func(p *Position) { p.Options[1].Amount = 0 },
			[]Problem{{"paymentOption[1].amount", ErrAmount}, {"paymentOption[1].transfer", ErrInconsistent}}},
		{"six transfers", func(p *Position) {
			o := &p.Options[1]
			o.Transfers = nil
			for i := range 6 {
				o.Transfers = append(o.Transfers, Transfer{ID: i + 1, Amount: 1, Remittance: "r", Category: "c", IBAN: "IT60X0542811101000000123456"})
			}
			o.Amount = 6
		}, []Problem{{"paymentOption[1].transfer", ErrCount}}},
		{"no transfers", func(p *Position) { p.Options[2].Transfers = nil },
			[]Problem{{"paymentOption[2].transfer", ErrCount}}},
		{"IBAN check digits", func(p *Position) { p.Options[0].Transfers[0].IBAN = "IT61X0542811101000000123456" },
			[]Problem{{"paymentOption[0].transfer[0].iban", ErrIBAN}}},
		{"postal IBAN of a bank", func(p *Position) { p.Options[0].Transfers[0].PostalIBAN = "IT60X0542811101000000123456" },
			[]Problem{{"paymentOption[0].transfer[0].postalIban", ErrIBAN}}},
		{"no IBAN", func(p *Position) { p.Options[1].Transfers[0].IBAN = "" },
			[]Problem{{"paymentOption[1].transfer[0].iban", ErrMissing}}},
		{"stamp with IBAN", func(p *Position) { stamp(p); p.Options[0].Transfers[1].IBAN = "IT60X0542811101000000123456" },
			[]Problem{{"paymentOption[0].transfer[1].stamp", ErrInconsistent}}},
		{"stamp fields", func(p *Position) {
			stamp(p)
			s := p.Options[0].Transfers[1].Stamp
			s.HashDocument, s.Type, s.ProvincialResidence = "not base64!", "02", "rm"
		}, []Problem{
			{"paymentOption[0].transfer[1].stamp.hashDocument", ErrFormat},
			{"paymentOption[0].transfer[1].stamp.stampType", ErrFormat},
			{"paymentOption[0].transfer[1].stamp.provincialResidence", ErrFormat},
		}},
		{"repeated idTransfer and IUV", func(p *Position) {
			p.Options[0].Transfers[1].ID = 1
			p.Options[2].IUV = p.Options[1].IUV
		}, []Problem{{"paymentOption[0].transfer[1].idTransfer", ErrInconsistent}, {"paymentOption[2].iuv", ErrInconsistent}}},
		{"idTransfer 6", func(p *Position) { p.Options[1].Transfers[0].ID = 6 },
			[]Problem{{"paymentOption[1].transfer[0].idTransfer", ErrFormat}}},
		{"description too long", func(p *Position) { p.Options[0].Description = strings.Repeat("è", 141) },
			[]Problem{{"paymentOption[0].description", ErrTooLong}}},
		{"description at the limit", func(p *Position) { p.Options[0].Description = strings.Repeat("è", 140) }, nil},
		{"control character", func(p *Position) { p.FullName = "Mario\nRossi" }, []Problem{{"fullName", ErrFormat}}},
		{"no options", func(p *Position) { p.Options = nil }, []Problem{{"paymentOption", ErrCount}}},
		{"due date before validity", func(p *Position) {
			v := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			p.ValidityDate = &v
		}, []Problem{
			{"paymentOption[0].dueDate", ErrInconsistent},
			{"paymentOption[1].dueDate", ErrInconsistent},
			{"paymentOption[2].dueDate", ErrInconsistent},
		}},
		{"metadata", func(p *Position) {
			p.Options[0].Metadata = append(p.Options[0].Metadata, MapEntry{"tributo", "x"}, MapEntry{"", "y"})
		}, []Problem{
			{"paymentOption[0].paymentOptionMetadata[1].key", ErrInconsistent},
			{"paymentOption[0].paymentOptionMetadata[2].key", ErrMissing},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPosition(t)
			tt.change(p)
			if diff := cmp.Diff(tt.want, problemsOf(t, p.Validate()), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// problemsOf reduces a *ValidationError to paths and rule sentinels.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	rules := []error{ErrMissing, ErrTooLong, ErrFormat, ErrFiscalCode, ErrIBAN, ErrAmount, ErrInconsistent, ErrCount, ErrNoticeNumber}
	var out []Problem
	for _, p := range ve.Problems {
		var rule error
		for _, r := range rules {
			if errors.Is(p.Err, r) {
				rule = r
				break
			}
		}
		out = append(out, Problem{p.Path, rule})
	}
	return out
}
