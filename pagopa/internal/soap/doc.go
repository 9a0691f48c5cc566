// Package soap is the SOAP 1.1 wire codec of paForNode, the interface that
// the pagoPA Nodo calls on a creditor institution (ente creditore, EC):
// paVerifyPaymentNotice, paGetPayment(V2), paSendRT(V2) and
// paDemandPaymentNotice.
//
// The server side decodes requests with [DecodeRequest] and writes
// responses with [WriteResponse] (or [FaultResponse] for a KO); the client
// side (the Nodo simulator, command-line tools) writes requests with
// [WriteRequest] and decodes responses with [DecodeResponse]. The package
// defines its own wire types and knows nothing about debt positions. All
// functions are safe for concurrent use.
//
// # XML shape
//
// Messages are SOAP 1.1 envelopes ([NSEnvelope]) whose Body holds one
// wrapper element in the [NSPaForNode] namespace. Neither paForNode schema
// sets elementFormDefault, so only the wrapper is namespace-qualified and
// every child element is unqualified. Elements are written in XSD sequence
// order, optional elements that are empty are omitted (every stText type
// has minLength 1), amounts are int64 euro cents written as "136.50",
// dates as 2006-01-02 and date-times as 2006-01-02T15:04:05 with no zone.
//
// # Decoding: what is enforced and what is tolerated
//
// Decoding is a single pass over the tokens of encoding/xml, bounded by
// [Limits] (bytes, nesting depth and element count, checked while
// reading). A document type declaration (DTD) is refused, so no entity is
// ever declared or expanded.
//
// The decoder is tolerant where senders are known to differ and strict on
// values:
//
//   - Elements are matched by local name only: the namespace of the
//     envelope, of the wrapper (the official mock sends the nodeForPsp
//     namespace) and of the children is ignored, and any prefix works.
//   - The operation is the local name of the Body's first element. The
//     SOAPAction is only consulted when that name is unknown: a body wins
//     over a disagreeing SOAPAction. See [ParseAction].
//   - Unknown elements are skipped anywhere, so fields the Nodo adds in
//     later versions do not break decoding. Attributes, comments and
//     processing instructions are ignored. Elements of a V2 message that
//     do not exist in V1 are unknown in a V1 message.
//   - The order of the known children is not checked; a known child that
//     appears twice is an error (except the repeated transfer and mapEntry).
//   - idSoggettoServizio of paDemandPaymentNotice is optional, although the
//     XSD requires it, because official clients omit it.
//   - A receipt's standin element (the spelling of the SANP examples) is
//     read as standIn (the XSD's).
//   - A KO response carries only outcome and fault: other elements of a KO
//     response are validated and then dropped.
//
// Every value is checked against its XSD simple type: text lengths (in
// characters), the patterns of fiscal codes (11 digits), notice numbers
// (18 digits), country codes, e-mail addresses and stamp hashes, the
// enumerations (outcome, entityUniqueIdentifierType F|G, transferType,
// options, tipoBollo), amounts (\d+\.\d{2}, at most 999999999.99, not zero
// where the type is stAmountNotZero), idTransfer 1..5, xs:boolean (true,
// false, 1, 0), xs:base64Binary, xs:date and xs:dateTime, the 1..5
// transfers, the 1..15 metadata entries and the IBAN|stamp choices. Types
// that collapse white space in XSD (numbers, dates, booleans, base64)
// accept surrounding white space; text types keep it.
//
// A violation is reported as an [*Error] with Fault [FaultXSD] and Field
// naming the first offending element by its path below the wrapper, e.g.
// "receipt/transferList/transfer[2]/transferAmount". XML that is not
// well formed, a missing Envelope or Body, an exceeded limit or an unknown
// operation is reported with Fault [FaultExtraXSD]. The *Error carries the
// operation and the request header as far as they were read, so a handler
// can answer with the right wrapper.
//
// # Dates and times
//
// The Nodo writes date-times without a zone designator, in Italian civil
// time (e.g. 2021-10-01T17:48:22). The decoder returns every date-time as
// the Italian wall clock carried by a time.Time in time.UTC: a value
// without zone is taken as written; a value with a zone (Z, +01:00) is
// converted to Italian time (CET/CEST by the EU rule in force since 1996).
// To obtain the instant, reinterpret the wall clock in Europe/Rome. The
// encoder writes t's wall clock in t's own location, without zone, and a
// fraction of second only when it is not zero. Dates (xs:date) are
// returned at midnight UTC; a zone on a date is checked and dropped. Years
// must have four digits (0001..9999).
//
// # Raw receipts
//
// For paSendRT and paSendRTV2, [SendRTReq].Raw holds the receipt element
// byte for byte as received, from "<receipt" to "</receipt>". Namespace
// declarations made on its ancestors are not part of it.
package soap
