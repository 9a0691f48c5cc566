package receipt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Parse reads a receipt within DefaultLimits; see Limits.Parse.
func Parse(data []byte) (*Receipt, error) { return DefaultLimits.Parse(data) }

// Parse reads a receipt in any of the forms the package documents,
// recognised from the input alone, and returns it normalised. A zero
// field of l stands for the DefaultLimits value.
//
// Errors wrap one of the package's sentinel errors: ErrTooLarge,
// ErrTooDeep, ErrTooManyElements and ErrMalformed for input that is not
// read at all, ErrUnknownFormat for a document that is no receipt,
// ErrMissing and ErrInvalid (in a *FieldError naming the element path)
// for a receipt lacking what it cannot do without, and ErrEmptyRT for a
// paaInviaRT request without an RT. Errors about the RT of a paaInviaRT
// request are *InviaRTError values naming the payment of the request's
// header.
//
// The Receipt does not refer to data: Raw is a copy of it.
func (l Limits) Parse(data []byte) (*Receipt, error) {
	l = l.orDefault()
	if int64(len(data)) > l.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, len(data), l.MaxBytes)
	}
	doc := bytes.TrimPrefix(data, bom)
	switch lead(doc) {
	case '"':
		// GPD's receipts API may deliver the receipt XML as a JSON
		// string. Its decoded form is no longer than the input.
		var s string
		if err := json.Unmarshal(doc, &s); err != nil {
			return nil, fmt.Errorf("%w: a JSON string that does not decode: %w", ErrMalformed, err)
		}
		doc = bytes.TrimPrefix([]byte(s), bom)
	case '{', '[':
		return nil, fmt.Errorf("%w: a JSON value that is not a string", ErrUnknownFormat)
	}
	r, err := l.parseDoc(doc)
	if err != nil {
		return nil, err
	}
	r.Raw = bytes.Clone(data)
	return r, nil
}

// orDefault replaces the zero fields of l with DefaultLimits'.
func (l Limits) orDefault() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultLimits.MaxElements
	}
	return l
}

var bom = []byte("\xef\xbb\xbf")

// lead returns the first byte of b that is not XML white space, or 0.
func lead(b []byte) byte {
	for _, c := range b {
		if !isSpace(c) {
			return c
		}
	}
	return 0
}

// parseDoc reads an XML document holding a receipt.
func (l Limits) parseDoc(doc []byte) (*Receipt, error) {
	t, err := readTree(doc, l)
	if err != nil {
		return nil, err
	}
	defer t.release()
	op, header := int32(0), int32(none)
	if t.is(0, "Envelope") {
		body := t.child(0, "Body")
		if body == none {
			return nil, fmt.Errorf("%w: a SOAP envelope without a Body", ErrUnknownFormat)
		}
		op = t.nodes[body].first
		if op == none {
			return nil, fmt.Errorf("%w: an empty SOAP Body", ErrUnknownFormat)
		}
		// Unknown elements before the request are skipped.
		for c := op; c != none; c = t.nodes[c].next {
			if known(t.local(c)) {
				op = c
				break
			}
		}
		if h := t.child(0, "Header"); h != none {
			header = t.child(h, "intestazionePPT")
		}
	}
	switch t.local(op) {
	case "paSendRTReq":
		return readRequest(t, op, FormatReceiptV1)
	case "paSendRTV2Request", "paSendRTV2Req":
		return readRequest(t, op, FormatReceiptV2)
	case "receipt":
		return readReceipt(t, op, "")
	case "RT":
		return readRT(t, op)
	case "paaInviaRT":
		return l.readInviaRT(t, op, header)
	}
	return nil, fmt.Errorf("%w: <%s> is none of paSendRTReq, paSendRTV2Request, receipt, RT, paaInviaRT", ErrUnknownFormat, clip(t.local(op)))
}

// known reports whether local names an element parseDoc reads.
func known(local string) bool {
	switch local {
	case "paSendRTReq", "paSendRTV2Request", "paSendRTV2Req", "receipt", "RT", "paaInviaRT":
		return true
	}
	return false
}

// readRequest reads the receipt of a paSendRT or paSendRTV2 request.
func readRequest(t *tree, op int32, f Format) (*Receipt, error) {
	rc := t.child(op, "receipt")
	if rc == none {
		return nil, &FieldError{Path: t.local(op) + "/receipt", Err: fmt.Errorf("%w: the request has no receipt", ErrMissing)}
	}
	return readReceipt(t, rc, f)
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
