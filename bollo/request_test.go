package bollo_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/bollo"
)

// fields returns the Field of every *RuleError joined in err.
func fields(err error) []string {
	var out []string
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *bollo.RuleError
		if errors.As(e, &re) && errors.Is(e, bollo.ErrInvalid) {
			out = append(out, re.Field)
		}
	}
	return out
}

func TestRequestValidate(t *testing.T) {
	// printf abc | openssl dgst -sha256 -binary | base64
	const abc = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
	tests := []struct {
		name string
		req  bollo.Request
		want []string
	}{
		{"valid", bollo.Request{HashDocument: abc, Type: "01", Province: "RM"}, nil},
		{"hash without padding", bollo.Request{HashDocument: strings.TrimSuffix(abc, "="), Type: "01", Province: "RM"}, []string{"hashDocumento"}},
		{"hash URL alphabet", bollo.Request{HashDocument: strings.ReplaceAll(abc, "+", "-"), Type: "01", Province: "RM"}, []string{"hashDocumento"}},
		{"hash of 28 bytes (schema allows up to 72 characters)", bollo.Request{HashDocument: "cXVlc3RhIMOoIHVuYSBtYXJjYSBkYSBib2xsbw==", Type: "01", Province: "RM"}, []string{"hashDocumento"}},
		{"hash hex", bollo.Request{HashDocument: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Type: "01", Province: "RM"}, []string{"hashDocumento"}},
		{"type label", bollo.Request{HashDocument: abc, Type: "Imposta di bollo", Province: "RM"}, []string{"tipoBollo"}},
		{"type 1", bollo.Request{HashDocument: abc, Type: "1", Province: "RM"}, []string{"tipoBollo"}},
		{"province lower case", bollo.Request{HashDocument: abc, Type: "01", Province: "Rm"}, []string{"provinciaResidenza"}},
		{"province three letters", bollo.Request{HashDocument: abc, Type: "01", Province: "ROM"}, []string{"provinciaResidenza"}},
		{"province empty", bollo.Request{HashDocument: abc, Type: "01"}, []string{"provinciaResidenza"}},
		{"everything wrong", bollo.Request{}, []string{"hashDocumento", "tipoBollo", "provinciaResidenza"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.req.Validate()
			if diff := cmp.Diff(tt.want, fields(err)); diff != "" {
				t.Errorf("Validate() = %v; fields (-want +got):\n%s", err, diff)
			}
		})
	}
}

func TestNewRequest(t *testing.T) {
	r, err := bollo.NewRequest(strings.NewReader("abc"), "MI")
	if err != nil {
		t.Fatal(err)
	}
	want := bollo.Request{HashDocument: "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", Type: "01", Province: "MI"}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("NewRequest (-want +got):\n%s", diff)
	}
	_, err = bollo.NewRequest(strings.NewReader("abc"), "milano")
	if diff := cmp.Diff([]string{"provinciaResidenza"}, fields(err)); diff != "" {
		t.Errorf("NewRequest with a bad province: %v", err)
	}
}

func TestResidenceProvince(t *testing.T) {
	tests := []struct {
		country, province, office string
		want                      string
		wantField                 string
	}{
		{"", "RM", "FI", "RM", ""},
		{"IT", "RM", "FI", "RM", ""},
		{"it", "NA", "", "NA", ""},
		{"FR", "", "FI", "FI", ""},
		{"DE", "RM", "FI", "FI", ""}, // abroad: the ente's province, whatever the payer's
		{"IT", "", "FI", "", "province"},
		{"", "rm", "FI", "", "province"},
		{"CH", "", "", "", "office"},
		{"CH", "", "Firenze", "", "office"},
	}
	for _, tt := range tests {
		got, err := bollo.ResidenceProvince(tt.country, tt.province, tt.office)
		var re *bollo.RuleError
		switch {
		case tt.wantField == "" && (err != nil || got != tt.want):
			t.Errorf("ResidenceProvince(%q, %q, %q) = %q, %v; want %q", tt.country, tt.province, tt.office, got, err, tt.want)
		case tt.wantField != "" && (!errors.As(err, &re) || re.Field != tt.wantField || !errors.Is(err, bollo.ErrInvalid) || got != ""):
			t.Errorf("ResidenceProvince(%q, %q, %q) = %q, %v; want a RuleError on %s", tt.country, tt.province, tt.office, got, err, tt.wantField)
		}
	}
}
