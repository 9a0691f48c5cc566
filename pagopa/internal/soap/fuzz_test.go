package soap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fuzzLimits keep fuzzing inputs small.
var fuzzLimits = Limits{MaxBytes: 1 << 16, MaxDepth: 24, MaxElements: 4000}

// checkDecodeError fails unless err is an *Error classified as the
// decoders promise.
func checkDecodeError(t *testing.T, err error, faults ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	ok := false
	for _, f := range faults {
		ok = ok || e.Fault == f
	}
	if !ok {
		t.Fatalf("error %v has Fault %q, want one of %q", err, e.Fault, faults)
	}
	if e.Fault == FaultXSD && e.Field == "" {
		t.Fatalf("XSD error %v names no element", err)
	}
	_ = e.Error()
}

// FuzzDecodeRequest: DecodeRequest never panics, fails only with *Error
// values of the two syntax faults, and what it decodes is written back by
// WriteRequest and decodes to the same value.
func FuzzDecodeRequest(f *testing.F) {
	for _, tt := range testRequests() {
		f.Add(encodeRequest(f, tt.req), "")
	}
	f.Add([]byte(envelope(verifyBody)), `"paVerifyPaymentNotice"`)
	f.Add([]byte(envelope(strings.ReplaceAll(verifyBody, "paVerifyPaymentNoticeReq", "x"))), "paVerifyPaymentNotice")
	f.Fuzz(func(t *testing.T, data []byte, action string) {
		req, err := DecodeRequest(bytes.NewReader(data), action, fuzzLimits)
		if err != nil {
			if req != nil {
				t.Fatalf("DecodeRequest returned a request and %v", err)
			}
			checkDecodeError(t, err, FaultXSD, FaultExtraXSD)
			return
		}
		// The decoder matches tags itself: what it accepts must be well
		// formed for encoding/xml's namespace-aware reader too.
		if err := wellFormed(data); err != nil {
			t.Fatalf("accepted a message encoding/xml finds malformed: %v", err)
		}
		if req.SendRT != nil {
			raw := req.SendRT.Raw
			if !bytes.Contains(data, raw) || !bytes.HasPrefix(raw, []byte("<")) || !bytes.HasSuffix(raw, []byte(">")) {
				t.Fatalf("Raw %q is not an element of the input", raw)
			}
			req.SendRT.Raw = nil
		}
		var b bytes.Buffer
		if err := WriteRequest(&b, req); err != nil {
			t.Fatalf("WriteRequest(%+v): %v", req, err)
		}
		again, err := DecodeRequest(bytes.NewReader(b.Bytes()), "", DefaultLimits)
		if err != nil {
			t.Fatalf("decoding the re-encoded request: %v\n%s", err, b.Bytes())
		}
		if again.SendRT != nil {
			again.SendRT.Raw = nil
		}
		if diff := cmp.Diff(req, again); diff != "" {
			t.Fatalf("re-encoded request decodes differently (-first +second):\n%s", diff)
		}
	})
}

// fuzzOps are the operations FuzzDecodeResponse picks from.
var fuzzOps = []Operation{OpVerify, OpGetPayment, OpGetPaymentV2, OpSendRT, OpSendRTV2, OpDemand}

// FuzzDecodeResponse: DecodeResponse never panics, fails only with *Error
// values, and what it decodes is written back by WriteResponse and
// decodes to the same value.
func FuzzDecodeResponse(f *testing.F) {
	for _, tt := range testResponses() {
		for i, op := range fuzzOps {
			if op == tt.op {
				f.Add(encodeResponse(f, tt.res), uint8(i))
			}
		}
	}
	f.Add([]byte(envelope(`<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring></soapenv:Fault>`)), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, opIndex uint8) {
		op := fuzzOps[int(opIndex)%len(fuzzOps)]
		res, err := DecodeResponse(bytes.NewReader(data), op, fuzzLimits)
		if err != nil {
			if res != nil {
				t.Fatalf("DecodeResponse returned a response and %v", err)
			}
			checkDecodeError(t, err, FaultXSD, FaultExtraXSD, FaultSOAP)
			return
		}
		if err := wellFormed(data); err != nil {
			t.Fatalf("accepted a message encoding/xml finds malformed: %v", err)
		}
		var b bytes.Buffer
		if err := WriteResponse(&b, res); err != nil {
			t.Fatalf("WriteResponse(%+v): %v", res, err)
		}
		again, err := DecodeResponse(bytes.NewReader(b.Bytes()), op, DefaultLimits)
		if err != nil {
			t.Fatalf("decoding the re-encoded response: %v\n%s", err, b.Bytes())
		}
		if diff := cmp.Diff(res, again); diff != "" {
			t.Fatalf("re-encoded response decodes differently (-first +second):\n%s", diff)
		}
	})
}

// wellFormed reads data with encoding/xml's Token, which checks that end
// tags match start tags.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
