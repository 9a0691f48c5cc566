package pagopa

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestOptionTimesInGPDForm(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2025-12-31T23:59:59"`, time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)},
		{`"2025-12-31T23:59:59.999"`, time.Date(2025, 12, 31, 23, 59, 59, 999_000_000, time.UTC)},
		{`"2025-12-31T23:59:59Z"`, time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)},
		{`"2025-12-31T23:59:59+01:00"`, time.Date(2025, 12, 31, 22, 59, 59, 0, time.UTC)},
	}
	for _, tt := range tests {
		var o Option
		doc := `{"iuv":"02000000000000184","amount":100,"description":"x","isPartialPayment":false,"dueDate":` + tt.in +
			`,"retentionDate":` + tt.in + `,"paymentDate":` + tt.in + `}`
		if err := json.Unmarshal([]byte(doc), &o); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if !o.DueDate.Equal(tt.want) || !o.RetentionDate.Equal(tt.want) || !o.PaymentDate.Equal(tt.want) {
			t.Errorf("%s: got %v, %v, %v; want %v", tt.in, o.DueDate, o.RetentionDate, o.PaymentDate, tt.want)
		}
		if o.IUV != "02000000000000184" || o.Amount != 100 {
			t.Errorf("%s: other fields lost: %+v", tt.in, o)
		}
	}
}

func TestPositionTimesInGPDForm(t *testing.T) {
	var p Position
	doc := `{"iupd":"A","type":"F","fiscalCode":"X","fullName":"Y","companyName":"Z","switchToExpired":true,
		"validityDate":"2025-01-01T08:00:00","paymentDate":null,
		"paymentOption":[{"iuv":"02000000000000184","amount":100,"description":"x","isPartialPayment":false,"dueDate":"2025-12-31T23:59:59"}]}`
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC); p.ValidityDate == nil || !p.ValidityDate.Equal(want) {
		t.Errorf("validityDate = %v, want %v", p.ValidityDate, want)
	}
	if p.PaymentDate != nil {
		t.Errorf("paymentDate = %v, want nil", p.PaymentDate)
	}
	if len(p.Options) != 1 || p.Options[0].DueDate.Year() != 2025 || !p.SwitchToExpired || p.IUPD != "A" {
		t.Errorf("position decoded wrongly: %+v", p)
	}
}

func TestTimesInBadForm(t *testing.T) {
	for _, in := range []string{`"31/12/2025"`, `"2025-12-31"`, `"2025-12-31T25:00:00"`, `1735689599`} {
		var o Option
		err := json.Unmarshal([]byte(`{"dueDate":`+in+`}`), &o)
		if err == nil {
			t.Errorf("%s: accepted as %v", in, o.DueDate)
			continue
		}
		if in[0] == '"' && !errors.Is(err, ErrFormat) {
			t.Errorf("%s: error %v is not ErrFormat", in, err)
		}
	}
}

func TestTimesKeptWhenAbsent(t *testing.T) {
	due := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	o := Option{DueDate: due}
	if err := json.Unmarshal([]byte(`{"amount":5}`), &o); err != nil {
		t.Fatal(err)
	}
	if !o.DueDate.Equal(due) || o.Amount != 5 {
		t.Errorf("got %v %d", o.DueDate, o.Amount)
	}
}
