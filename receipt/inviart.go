package receipt

import (
	"bytes"
	"fmt"
	"strings"
)

// An InviaRTError is an error about the RT of a paaInviaRT request. It
// names the payment the request was for, from the intestazionePPT
// header (empty when the request has none), so that a caller can tell
// which payment an empty or unreadable RT belongs to. Err is the error
// itself, often a *FieldError.
type InviaRTError struct {
	DomainID string // identificativoDominio: the ente's fiscal code
	IUV      string // identificativoUnivocoVersamento
	CCP      string // codiceContestoPagamento
	Err      error
}

// Error describes the error and the payment.
func (e *InviaRTError) Error() string {
	return fmt.Sprintf("%v (paaInviaRT for identificativoDominio %q, identificativoUnivocoVersamento %q, codiceContestoPagamento %q)",
		e.Err, clip(e.DomainID), clip(e.IUV), clip(e.CCP))
}

// Unwrap returns Err.
func (e *InviaRTError) Unwrap() error { return e.Err }

// rtPath is the path of a paaInviaRT request's RT in errors.
const rtPath = "paaInviaRT/rt"

// readInviaRT reads the base64 RT of the paaInviaRT request op; header
// is the envelope's intestazionePPT, or none. The RT is decoded (its
// size bounded by l.MaxBytes) and read within l as a document of its
// own. The header's identificativoDominio, identificativoUnivocoVersamento
// and codiceContestoPagamento are checked against the RT's: a
// difference is a warning.
func (l Limits) readInviaRT(t *tree, op, header int32) (*Receipt, error) {
	e := &InviaRTError{}
	names := [...]string{"identificativoDominio", "identificativoUnivocoVersamento", "codiceContestoPagamento"}
	values := [...]*string{&e.DomainID, &e.IUV, &e.CCP}
	if header != none {
		for i, name := range names {
			if n := t.child(header, name); n != none {
				*values[i] = strings.Clone(t.text(n))
			}
		}
	}
	fail := func(err error) (*Receipt, error) {
		e.Err = err
		return nil, e
	}
	rt := t.child(op, "rt")
	if rt == none {
		return fail(fieldErr(rtPath, ErrMissing, "no <rt>"))
	}
	b := t.text(rt)
	if b == "" {
		return fail(&FieldError{Path: rtPath, Err: ErrEmptyRT})
	}
	doc, ok := decodeBase64(b)
	if !ok {
		return fail(fieldErr(rtPath, ErrMalformed, "the RT is not base64"))
	}
	if int64(len(doc)) > l.MaxBytes {
		return fail(fieldErr(rtPath, ErrTooLarge, "the RT decodes to %d bytes, over the limit of %d", len(doc), l.MaxBytes))
	}
	doc = bytes.TrimPrefix(doc, bom)
	if lead(doc) != '<' {
		return fail(fieldErr(rtPath, ErrMalformed, "the RT is not XML"))
	}
	inner, err := readTree(doc, l)
	if err != nil {
		return fail(&FieldError{Path: rtPath, Err: err})
	}
	defer inner.release()
	if !inner.is(0, "RT") {
		return fail(fieldErr(rtPath, ErrUnknownFormat, "the RT holds <%s>, not <RT>", clip(inner.local(0))))
	}
	r, err := readRT(inner, 0)
	if err != nil {
		return fail(err)
	}
	for i, got := range [...]string{r.FiscalCode, r.CreditorReferenceID, r.Legacy.PaymentContextCode} {
		if want := *values[i]; want != "" && got != "" && want != got {
			r.Warnings = append(r.Warnings, Warning{
				Path:    "intestazionePPT/" + names[i],
				Message: "the header names another payment than the RT",
			})
		}
	}
	return r, nil
}
