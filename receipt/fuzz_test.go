package receipt_test

import (
	"bytes"
	"testing"

	"github.com/pagokit/pagokit/receipt"
)

// FuzzParse checks that Parse never panics, that every error wraps one
// of the package's sentinel errors, and that a receipt keeps the input
// as Raw. The seeds in testdata/fuzz/FuzzParse are the package's test
// inputs in every format.
func FuzzParse(f *testing.F) {
	lim := receipt.Limits{MaxBytes: 64 << 10, MaxDepth: 16, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		r, err := lim.Parse(in)
		if !bytes.Equal(in, orig) {
			t.Fatal("Parse changed its input")
		}
		if err != nil {
			if r != nil {
				t.Fatal("a receipt and an error")
			}
			if !isTyped(err) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if !bytes.Equal(r.Raw, in) {
			t.Fatal("Raw is not the input")
		}
		switch r.Format {
		case receipt.FormatReceiptV1, receipt.FormatReceiptV2, receipt.FormatRT:
		default:
			t.Fatalf("format %q", r.Format)
		}
		if r.ReceiptID == "" || r.FiscalCode == "" || r.CreditorReferenceID == "" || r.Outcome == "" {
			t.Fatalf("a mandatory value is empty: %+v", r)
		}
		if r.PaymentAmountCents < 0 || r.Transfers == nil {
			t.Fatalf("amount %d, transfers %v", r.PaymentAmountCents, r.Transfers)
		}
		for _, tr := range r.Transfers {
			if tr.AmountCents < 0 || tr.UnverifiedMBD != nil && !tr.HasStamp {
				t.Fatalf("transfer %+v", tr)
			}
		}
	})
}
