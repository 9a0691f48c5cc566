package soap

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoundTripRequest writes every request and decodes it back.
func TestRoundTripRequest(t *testing.T) {
	for _, tt := range testRequests() {
		t.Run(tt.name, func(t *testing.T) {
			msg := encodeRequest(t, tt.req)
			got, err := DecodeRequest(bytes.NewReader(msg), "", DefaultLimits)
			if err != nil {
				t.Fatalf("DecodeRequest: %v\n%s", err, msg)
			}
			if got.SendRT != nil {
				// Raw is the receipt element of the message, byte for byte.
				i, j := bytes.Index(msg, []byte("<receipt>")), bytes.Index(msg, []byte("</receipt>"))
				if want := msg[i : j+len("</receipt>")]; !bytes.Equal(got.SendRT.Raw, want) {
					t.Errorf("Raw = %q\nwant %q", got.SendRT.Raw, want)
				}
				got.SendRT.Raw = nil
			}
			if diff := cmp.Diff(tt.req, got); diff != "" {
				t.Errorf("DecodeRequest(WriteRequest(req)) mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRoundTripResponse writes every response and decodes it back.
func TestRoundTripResponse(t *testing.T) {
	for _, tt := range testResponses() {
		t.Run(tt.name, func(t *testing.T) {
			msg := encodeResponse(t, tt.res)
			got, err := DecodeResponse(bytes.NewReader(msg), tt.op, DefaultLimits)
			if err != nil {
				t.Fatalf("DecodeResponse: %v\n%s", err, msg)
			}
			if diff := cmp.Diff(tt.res, got); diff != "" {
				t.Errorf("DecodeResponse(WriteResponse(res)) mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRoundTripKODropsData checks that a KO response carries only its
// outcome and fault, on the wire and once decoded.
func TestRoundTripKODropsData(t *testing.T) {
	for _, tt := range []struct {
		op   Operation
		res  any
		want any
	}{
		{OpVerify, &VerifyRes{Outcome: "KO", Fault: &testFault, Option: testOption(), CompanyName: "c"},
			&VerifyRes{Outcome: "KO", Fault: &testFault}},
		{OpGetPaymentV2, &GetPaymentRes{V2: true, Outcome: "KO", Fault: &testFault, Data: testPaymentData(true)},
			&GetPaymentRes{V2: true, Outcome: "KO", Fault: &testFault}},
		{OpDemand, &DemandRes{Outcome: "KO", Fault: &testFault, QRFiscalCode: "01234567890", Option: testOption()},
			&DemandRes{Outcome: "KO", Fault: &testFault}},
	} {
		msg := encodeResponse(t, tt.res)
		for _, elem := range []string{"<paymentList>", "<data>", "<qrCode>", "<companyName>"} {
			if bytes.Contains(msg, []byte(elem)) {
				t.Errorf("%s KO response contains %s:\n%s", tt.op, elem, msg)
			}
		}
		got, err := DecodeResponse(bytes.NewReader(msg), tt.op, DefaultLimits)
		if err != nil {
			t.Fatalf("DecodeResponse(%s): %v", tt.op, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.op, diff)
		}
	}
}
