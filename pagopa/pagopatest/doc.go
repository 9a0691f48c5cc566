// Package pagopatest plays the pagoPA Nodo against a paForNode endpoint
// over real HTTP, for tests and for partners checking their own station:
// it verifies a notice, activates the payment (paGetPayment or
// paGetPaymentV2) and delivers the receipt (paSendRT or paSendRTV2) with
// generated receipt ids, PSP data and payment dates, as the Nodo does. It
// can also deliver a receipt twice, retry it with the Nodo's backoff, give
// up after a timeout, send the stand-in probe, ask for a spontaneous
// payment (paDemandPaymentNotice) and post any SOAP body, such as the
// official sample requests. With a StampIssuer it also plays the PSP of
// @e.bollo, signing the MBD of each stamp a notice asks for.
//
// A Nodo works with any endpoint: one embedded with pagopa.Handler in an
// httptest.Server, or a station somewhere else.
package pagopatest
