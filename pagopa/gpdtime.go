package pagopa

import (
	"encoding/json"
	"fmt"
	"time"
)

// gpdTime decodes the date-times of GPD's JSON. GPD is written in Java
// with LocalDateTime fields, so it sends them without an offset
// ("2025-12-31T23:59:59" or with a fraction); GPD reads such times as
// UTC (its expiry job compares them with the time in UTC), and so does
// the SDK. Times with an offset or "Z" (RFC 3339) are read as they are.
// The SDK writes RFC 3339 in UTC, which GPD's lenient decoder accepts.
type gpdTime struct{ t time.Time }

// The layout of an offset-less date-time; the fraction is optional.
const gpdLocalLayout = "2006-01-02T15:04:05.999999999"

func (g *gpdTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := parseGPDTime(s)
	if err != nil {
		return err
	}
	g.t = t
	return nil
}

func parseGPDTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation(gpdLocalLayout, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a date-time (RFC 3339 or GPD's offset-less form)", ErrFormat, s)
	}
	return t, nil
}

// wrapTime keeps a value already there when the JSON has no such key, as
// encoding/json does for plain fields.
func wrapTime(t *time.Time) *gpdTime {
	if t == nil {
		return nil
	}
	return &gpdTime{*t}
}

func (g *gpdTime) ptr() *time.Time {
	if g == nil {
		return nil
	}
	t := g.t
	return &t
}

// UnmarshalJSON decodes GPD's JSON for a position, reading its
// date-times also in GPD's offset-less form (taken as UTC).
func (p *Position) UnmarshalJSON(b []byte) error {
	type plain Position
	aux := struct {
		*plain
		ValidityDate *gpdTime `json:"validityDate,omitempty"`
		PaymentDate  *gpdTime `json:"paymentDate,omitempty"`
	}{plain: (*plain)(p), ValidityDate: wrapTime(p.ValidityDate), PaymentDate: wrapTime(p.PaymentDate)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	p.ValidityDate = aux.ValidityDate.ptr()
	p.PaymentDate = aux.PaymentDate.ptr()
	return nil
}

// UnmarshalJSON decodes GPD's JSON for a payment option, reading its
// date-times also in GPD's offset-less form (taken as UTC).
func (o *Option) UnmarshalJSON(b []byte) error {
	type plain Option
	aux := struct {
		*plain
		DueDate       gpdTime  `json:"dueDate"`
		RetentionDate *gpdTime `json:"retentionDate,omitempty"`
		PaymentDate   *gpdTime `json:"paymentDate,omitempty"`
	}{plain: (*plain)(o), DueDate: gpdTime{o.DueDate}, RetentionDate: wrapTime(o.RetentionDate), PaymentDate: wrapTime(o.PaymentDate)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	o.DueDate = aux.DueDate.t
	o.RetentionDate = aux.RetentionDate.ptr()
	o.PaymentDate = aux.PaymentDate.ptr()
	return nil
}
