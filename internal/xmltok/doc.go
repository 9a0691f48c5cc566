// Package xmltok is a small, fast XML tokenizer for the SOAP messages
// the SDK reads. It reads a document held in memory and returns raw
// tokens, with the same rules as encoding/xml's Decoder.RawToken in
// strict mode for UTF-8 input (the differential fuzz test holds it to
// that), at a fraction of the cost: names and plain text are slices of
// the input, and nothing is allocated per token.
//
// It checks what encoding/xml checks: names, quoting, the five
// predefined entities and character references, "]]>" outside CDATA,
// "--" in comments, UTF-8 and the XML character range in text and
// attribute values, and the version and encoding of the XML
// declaration. Like RawToken it does not match end tags to start tags,
// nor resolve namespace prefixes: callers do what they need. A
// directive (<!DOCTYPE …>) is reported as soon as it starts, unparsed,
// for the caller to refuse.
package xmltok
