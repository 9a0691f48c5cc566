package receiptpdf

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/pagokit/pagokit/receipt"
)

// problem is a Problem reduced to what the tests compare.
type problem struct {
	Path string
	Rule error
}

var rules = []error{ErrMissing, ErrTooLong, ErrCharset, ErrAmount, ErrFormat, ErrCount}

func reduce(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T is not a *ValidationError: %v", err, err)
	}
	var ps []problem
	for _, p := range ve.Problems {
		var rule error
		for _, r := range rules {
			if errors.Is(p, r) {
				rule = r
				break
			}
		}
		ps = append(ps, problem{p.Path, rule})
	}
	return ps
}

func TestValidate(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("é", MaxText+1)
	for _, tc := range []struct {
		name   string
		modify func(rc *receipt.Receipt)
		want   []problem
	}{
		{"valid", func(*receipt.Receipt) {}, nil},
		{"mandatory fields missing", func(rc *receipt.Receipt) {
			rc.ReceiptID, rc.FiscalCode, rc.CreditorReferenceID, rc.PaymentAmountCents = "", "", "", 0
		}, []problem{
			{"receipt_id", ErrMissing}, {"fiscal_code", ErrMissing},
			{"creditor_reference_id", ErrMissing}, {"payment_amount_cents", ErrMissing},
		}},
		{"blank receipt id", func(rc *receipt.Receipt) { rc.ReceiptID = " \n\t" }, []problem{{"receipt_id", ErrMissing}}},
		{"zero amount of a KO receipt", func(rc *receipt.Receipt) { rc.PaymentAmountCents, rc.Outcome = 0, "KO" }, nil},
		{"negative amount", func(rc *receipt.Receipt) { rc.PaymentAmountCents = -1 }, []problem{{"payment_amount_cents", ErrAmount}}},
		{"amount over 999.999.999,99", func(rc *receipt.Receipt) { rc.PaymentAmountCents = 100_000_000_000 }, []problem{{"payment_amount_cents", ErrAmount}}},
		{"largest amount", func(rc *receipt.Receipt) { rc.PaymentAmountCents = 99_999_999_999 }, nil},
		{"negative fee", func(rc *receipt.Receipt) { rc.FeeCents = cents(-5) }, []problem{{"fee_cents", ErrAmount}}},
		{"negative transfer", func(rc *receipt.Receipt) { rc.Transfers[1].AmountCents = -1600 }, []problem{{"transfers[1].amount_cents", ErrAmount}}},
		{"text too long", func(rc *receipt.Receipt) { rc.Description = long; rc.Payer.City = long }, []problem{
			{"description", ErrTooLong}, {"payer.city", ErrTooLong},
		}},
		{"longest text", func(rc *receipt.Receipt) { rc.Description = long[:2*MaxText] }, nil},
		{"control character", func(rc *receipt.Receipt) { rc.CompanyName = "Comune\x00di Roma" }, []problem{{"company_name", ErrCharset}}},
		{"C1 control", func(rc *receipt.Receipt) { rc.Transfers[0].RemittanceInformation = "a\u0085b" }, nil}, // NEL is white space
		{"C1 control, not white space", func(rc *receipt.Receipt) { rc.Transfers[0].RemittanceInformation = "a\u0090b" }, []problem{{"transfers[0].remittance_information", ErrCharset}}},
		{"white space", func(rc *receipt.Receipt) { rc.Description = "riga 1\r\nriga\t2" }, nil},
		{"invalid UTF-8", func(rc *receipt.Receipt) { rc.Debtor.FullName = "Mario \xff" }, []problem{{"debtor.full_name", ErrCharset}}},
		{"not in the fonts", func(rc *receipt.Receipt) { rc.PSPCompanyName = "银行" }, []problem{{"psp_company_name", ErrCharset}}},
		{"code not in the fonts", func(rc *receipt.Receipt) { rc.Transfers[0].IBAN = "IT60😀" }, []problem{{"transfers[0].iban", ErrCharset}}},
		{"legacy texts", func(rc *receipt.Receipt) { rc.Legacy = &receipt.Legacy{PaymentContextCode: "\x01", OutcomeCode: long} }, []problem{
			{"legacy.payment_context_code", ErrCharset}, {"legacy.outcome_code", ErrTooLong},
		}},
		{"six transfers", func(rc *receipt.Receipt) {
			rc.Transfers = append(rc.Transfers, rc.Transfers...)
			rc.Transfers = append(rc.Transfers, rc.Transfers[:2]...)
		}, []problem{{"transfers", ErrCount}}},
		{"impossible dates", func(rc *receipt.Receipt) {
			rc.ApplicationDate = &receipt.Date{Year: 2024, Month: time.February, Day: 30}
			rc.TransferDate = &receipt.Date{}
		}, []problem{{"application_date", ErrFormat}, {"transfer_date", ErrFormat}}},
		{"29 February", func(rc *receipt.Receipt) {
			rc.ApplicationDate = &receipt.Date{Year: 2024, Month: time.February, Day: 29}
		}, nil},
		{"payment time out of range", func(rc *receipt.Receipt) {
			bad := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			rc.PaymentDateTime = &bad
		}, []problem{{"payment_date_time", ErrFormat}}},
		{"nil subjects and no transfers", func(rc *receipt.Receipt) { rc.Debtor, rc.Payer, rc.Transfers = nil, nil, nil }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := fullReceipt()
			tc.modify(rc)
			err := r.Validate(rc)
			if diff := cmp.Diff(tc.want, reduce(t, err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			var buf bytes.Buffer
			rerr := r.Render(&buf, rc)
			switch {
			case err != nil && (rerr == nil || buf.Len() > 0):
				t.Errorf("Render of an invalid receipt: error %v, %d bytes written", rerr, buf.Len())
			case err == nil && (rerr != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1."))):
				t.Errorf("Render of a valid receipt: %v", rerr)
			}
		})
	}
}

func TestValidateNil(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render(&bytes.Buffer{}, nil)
	if diff := cmp.Diff([]problem{{"receipt", ErrMissing}}, reduce(t, err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if want := "receiptpdf: invalid receipt (1 problem)\n\treceipt: required"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

// TestValidationErrorKeepsTextsOut checks that the error message carries
// paths and rules, not the receipt's personal data.
func TestValidationErrorKeepsTextsOut(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	rc := fullReceipt()
	rc.Debtor.FullName = "Mario Rossi\x07"
	rc.Debtor.EntityID = "RSSMRA80A01H501U 银"
	err = r.Validate(rc)
	want := "receiptpdf: invalid receipt (2 problems)\n" +
		"\tdebtor.entity_id: unsupported character: U+94F6 is not in the font GoRegular\n" +
		"\tdebtor.full_name: unsupported character: control character U+0007"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if !errors.Is(err, ErrCharset) || errors.Is(err, ErrMissing) {
		t.Errorf("errors.Is does not match the rules of %v", err)
	}
}

func TestNewOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		want error
	}{
		{"German", []Option{WithLang("de")}, ErrLang},
		{"empty language", []Option{WithLang("")}, ErrLang},
		{"logo not an image", []Option{WithLogo([]byte("GIF89a"))}, ErrLogo},
		{"logo too large", []Option{WithLogo(make([]byte, MaxLogoSize+1))}, ErrLogo},
		{"no font", []Option{WithFonts(nil, nil)}, errNoFont},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(tc.opts...)
			if !errors.Is(err, tc.want) || r != nil {
				t.Errorf("New = %v, %v; want error %v", r, err, tc.want)
			}
		})
	}
	if _, err := New(WithFonts([]byte("not a font"), nil)); err == nil {
		t.Error("New accepts a font that is not TrueType")
	}
	r, err := New(WithFonts(goregular.TTF, nil), WithLang(English))
	if err != nil {
		t.Fatal(err)
	}
	if r.bold != r.regular || r.mono != r.regular || r.s != &en {
		t.Error("WithFonts(regular, nil) does not use the regular font for bold and codes")
	}
}
