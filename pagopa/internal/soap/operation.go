package soap

import "strings"

// Namespaces written by the encoders (the decoders ignore namespaces).
const (
	// NSEnvelope is the SOAP 1.1 envelope namespace.
	NSEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"
	// NSPaForNode is the namespace of the paForNode wrapper elements.
	NSPaForNode = "http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"
)

// An Operation is a paForNode operation, named as in the WSDL and in the
// SOAPAction header.
type Operation string

// The paForNode operations.
const (
	// OpVerify verifies a notice: paVerifyPaymentNoticeReq/Res.
	OpVerify Operation = "paVerifyPaymentNotice"
	// OpGetPayment activates a payment: paGetPaymentReq/Res.
	OpGetPayment Operation = "paGetPayment"
	// OpGetPaymentV2 activates a payment that may include @e.bollo
	// stamps: paGetPaymentV2Request/Response.
	OpGetPaymentV2 Operation = "paGetPaymentV2"
	// OpSendRT delivers a receipt: paSendRTReq/Res.
	OpSendRT Operation = "paSendRT"
	// OpSendRTV2 delivers a receipt that may include @e.bollo
	// attachments: paSendRTV2Request/Response.
	OpSendRTV2 Operation = "paSendRTV2"
	// OpDemand asks for a notice for a spontaneous payment:
	// paDemandPaymentNoticeRequest/Response.
	OpDemand Operation = "paDemandPaymentNotice"
)

// wrappers lists, for each operation, its request and response wrapper
// elements.
var wrappers = [...]struct {
	op       Operation
	req, res string
}{
	{OpVerify, "paVerifyPaymentNoticeReq", "paVerifyPaymentNoticeRes"},
	{OpGetPayment, "paGetPaymentReq", "paGetPaymentRes"},
	{OpGetPaymentV2, "paGetPaymentV2Request", "paGetPaymentV2Response"},
	{OpSendRT, "paSendRTReq", "paSendRTRes"},
	{OpSendRTV2, "paSendRTV2Request", "paSendRTV2Response"},
	{OpDemand, "paDemandPaymentNoticeRequest", "paDemandPaymentNoticeResponse"},
}

// requestOp returns the operation whose request wrapper is local.
func requestOp(local string) (Operation, bool) {
	for _, w := range wrappers {
		if w.req == local {
			return w.op, true
		}
	}
	return "", false
}

// requestElement and responseElement return op's wrapper names, or "" for
// an unknown op.
func requestElement(op Operation) string {
	for _, w := range wrappers {
		if w.op == op {
			return w.req
		}
	}
	return ""
}

func responseElement(op Operation) string {
	for _, w := range wrappers {
		if w.op == op {
			return w.res
		}
	}
	return ""
}

// ParseAction returns the operation named by a SOAPAction header value.
// The value may be quoted and may be a URI whose last segment (after the
// last '/', '#' or ':') is the operation name, as in
// "http://pagopa-api.pagopa.gov.it/paForNode/paVerifyPaymentNotice". It
// reports false for an empty value or an unknown name.
func ParseAction(action string) (Operation, bool) {
	s := strings.TrimSpace(action)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
		s = s[i+1:]
	}
	op := Operation(s)
	if requestElement(op) == "" {
		return "", false
	}
	return op, true
}
