package noticepdf

import (
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzRequest feeds arbitrary JSON through parsing, conversion and
// validation: none may panic, every failure must be a *ValidationError, and
// a notice that passes validation must render.
func FuzzRequest(f *testing.F) {
	data, err := os.ReadFile("testdata/single.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"templateId":"TemplateInstalmentsPoste","data":{"creditorInstitution":{"taxCode":"80016350821","fullName":"C","postalAccount":{"number":"1","holder":"h","authorization":"a"}},"debtor":{"fullName":"M"},"notice":{"subject":"s","installments":[{"code":"302000000000000285","amount":1},{"code":"302000000000000386","amount":2}]}}}`))
	r, err := NewRenderer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := ParseRequest(data)
		var ve *ValidationError
		if err != nil {
			if !errors.As(err, &ve) {
				t.Fatalf("ParseRequest error %T is not a *ValidationError", err)
			}
			return
		}
		n, err := req.Notice(nil)
		if err != nil {
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("Notice error %v is not a non-empty *ValidationError", err)
			}
			return
		}
		if err := r.Validate(n); err != nil {
			if !errors.As(err, &ve) {
				t.Fatalf("Validate error %T", err)
			}
			if _, perr := r.Prepare(req, nil); perr == nil {
				t.Fatalf("Validate rejects what Prepare accepts: %v", err)
			}
			return
		}
		if _, err := r.Prepare(req, nil); err != nil {
			t.Fatalf("Prepare rejects what Validate accepts: %v", err)
		}
		if err := r.Render(io.Discard, n); err != nil {
			t.Fatalf("a valid notice does not render: %v", err)
		}
	})
}
