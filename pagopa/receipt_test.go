package pagopa

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestApplyReceipt(t *testing.T) {
	paidAt := time.Date(2025, 11, 3, 9, 30, 0, 0, time.UTC)
	rec := func(iuv string, amount int64) *Receipt {
		return &Receipt{ReceiptID: "r-" + iuv, Outcome: "OK", IUV: iuv, Amount: amount, PaymentDateTime: paidAt}
	}
	valid := func() *Position {
		p := testPosition(t)
		p.Status = Valid
		return p
	}

	t.Run("single payment", func(t *testing.T) {
		p := valid()
		if an := p.ApplyReceipt(rec("02000000000000184", 13650)); an != nil {
			t.Errorf("anomalies %v", an)
		}
		o := p.Option("02000000000000184")
		if p.Status != Paid || o.Status != OptionPaid || o.ReceiptID != "r-02000000000000184" || !o.PaymentDate.Equal(paidAt) || !p.PaymentDate.Equal(paidAt) {
			t.Errorf("after the single payment: position %s, option %+v", p.Status, o)
		}
		// Another payment of the same option: money to refund.
		if diff := cmp.Diff([]Anomaly{DoublePayment}, p.ApplyReceipt(&Receipt{ReceiptID: "other", Outcome: "OK", IUV: "02000000000000184", Amount: 13650})); diff != "" {
			t.Errorf("second payment (-want +got):\n%s", diff)
		}
		if o.ReceiptID != "r-02000000000000184" {
			t.Error("a second payment replaced the first receipt id")
		}
	})
	t.Run("instalments", func(t *testing.T) {
		p := valid()
		if an := p.ApplyReceipt(rec("02000000000000285", 6825)); an != nil || p.Status != PartiallyPaid {
			t.Errorf("first instalment: %v, status %s; want PARTIALLY_PAID", an, p.Status)
		}
		if p.PaymentDate != nil {
			t.Error("payment date set on a partially paid position")
		}
		if an := p.ApplyReceipt(rec("02000000000000386", 6825)); an != nil || p.Status != Paid {
			t.Errorf("second instalment: %v, status %s; want PAID", an, p.Status)
		}
	})
	t.Run("anomalies", func(t *testing.T) {
		p := valid()
		tests := []struct {
			r    *Receipt
			want []Anomaly
		}{
			{rec("02000000000000999", 100), []Anomaly{UnknownPosition}},
			{&Receipt{ReceiptID: "ko", Outcome: "KO", IUV: "02000000000000285", Amount: 6825}, []Anomaly{OutcomeKO}},
			{rec("02000000000000285", 6800), []Anomaly{AmountMismatch}},
		}
		for _, tt := range tests {
			if diff := cmp.Diff(tt.want, p.ApplyReceipt(tt.r)); diff != "" {
				t.Errorf("ApplyReceipt(%s) (-want +got):\n%s", tt.r.ReceiptID, diff)
			}
		}
		if p.Status != PartiallyPaid {
			t.Errorf("status %s, want PARTIALLY_PAID (the mismatched instalment is paid all the same)", p.Status)
		}
	})
	t.Run("not payable", func(t *testing.T) {
		p := testPosition(t)
		p.Status = Invalid
		if diff := cmp.Diff([]Anomaly{NotPayable}, p.ApplyReceipt(rec("02000000000000184", 13650))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if p.Status != Invalid || p.Option("02000000000000184").Status != OptionPaid {
			t.Errorf("an INVALID position paid: status %s (want INVALID kept), option %s (want PO_PAID)", p.Status, p.Option("02000000000000184").Status)
		}
	})
}
