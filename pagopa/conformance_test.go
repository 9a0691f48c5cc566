package pagopa

import (
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// TestConformanceGPDJSON checks the JSON of a Position against GPD's
// OpenAPI (debt-positions-service v1): every required property of the
// request models is written, and every property written is declared by
// the request or response model.
func TestConformanceGPDJSON(t *testing.T) {
	path := testenv.Specs(t, "pagopa", "pagopa-debt-position", "openapi", "openapi_external_v1.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Required   []string                   `json:"required"`
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	schemas := spec.Components.Schemas

	p := testPosition(t)
	p.Status = Paid
	p.Options[0].Status = OptionPaid
	p.Options[0].ReceiptID = "token-1"
	p.Options[0].PaymentDate = &testNow
	p.PaymentDate = &testNow
	p.Options[1].Transfers[0] = Transfer{ID: 1, Amount: p.Options[1].Amount, Remittance: "r", Category: "c",
		Stamp: &Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbpXlR0hVBvxXH6ZZz6CvEo3g=", Type: "01", ProvincialResidence: "RM"}}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}

	check := func(what string, obj map[string]any, request, response string) {
		t.Helper()
		declared := map[string]bool{}
		for _, s := range []string{request, response} {
			for k := range schemas[s].Properties {
				declared[k] = true
			}
		}
		var undeclared []string
		for k := range obj {
			if !declared[k] {
				undeclared = append(undeclared, k)
			}
		}
		sort.Strings(undeclared)
		if len(undeclared) > 0 {
			t.Errorf("%s: properties not in %s/%s: %v", what, request, response, undeclared)
		}
		for _, k := range schemas[request].Required {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s: required property %q of %s missing", what, k, request)
			}
		}
	}
	check("position", doc, "PaymentPositionModel", "PaymentPositionModelBaseResponse")
	for _, o := range doc["paymentOption"].([]any) {
		om := o.(map[string]any)
		check("option", om, "PaymentOptionModel", "PaymentOptionModelResponse")
		for _, tr := range om["transfer"].([]any) {
			tm := tr.(map[string]any)
			check("transfer", tm, "TransferModel", "TransferModelResponse")
			if s, ok := tm["stamp"].(map[string]any); ok {
				check("stamp", s, "Stamp", "Stamp")
			}
		}
	}
}
