package bollo

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A DocumentKind names a kind of document for which Due computes the
// imposta di bollo. The values are the strings a command line or a
// configuration file passes.
type DocumentKind string

// The document kinds Due knows.
const (
	// Certificate: a certificate issued by a public body, such as a
	// certificato anagrafico (art. 3 of the Tariff, Annex A, Part I,
	// DPR 642/1972).
	Certificate DocumentKind = "certificate"
	// Application: an istanza to a public body aimed at obtaining a
	// provvedimento, also when sent electronically (art. 3 and
	// art. 3(1-bis) of the Tariff, Annex A, Part I, DPR 642/1972).
	Application DocumentKind = "istanza"
	// Document: an invoice, note, receipt or quietanza (art. 13 n. 1 of
	// the Tariff) or a statement or debit document (art. 13 n. 2), whose
	// duty depends on its amount and on whether the operation is subject
	// to VAT.
	Document DocumentKind = "document"
)

// Errors reported by Due, Exempt and VirtualStampWording, matched with
// errors.Is; they come wrapped in a *RuleError. An invalid argument (a
// negative amount, an empty or unprintable authorisation number, a zero
// date) wraps ErrInvalid.
var (
	// ErrUnknownKind: the DocumentKind is not one of the known kinds.
	ErrUnknownKind = errors.New("bollo: unknown document kind")
	// ErrUnknownExemption: the exemption code is not in the table.
	ErrUnknownExemption = errors.New("bollo: unknown exemption code")
)

// A RuleError tells which argument (Field) of Due, Exempt or
// VirtualStampWording broke which rule (Err, ErrUnknownKind,
// ErrUnknownExemption or ErrInvalid) and what was found (Detail).
type RuleError struct {
	Err    error
	Field  string
	Detail string
}

// Error describes the failure.
func (e *RuleError) Error() string {
	s := e.Err.Error() + ": " + e.Field
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the sentinel.
func (e *RuleError) Unwrap() error { return e.Err }

// A Duty is the imposta di bollo due on a document: the amount, in euro
// cents (0 when none is due), a Reason in English with the amount and
// the legal reference, and the Reference alone.
type Duty struct {
	AmountCents int64
	Reason      string
	Reference   string
}

// rule is one row of the rules table. A rule with thresholdCents >= 0
// applies its AmountCents only when the document's amount is strictly
// over the threshold and, when vatExemptOnly is set, only when the
// operation is not subject to VAT; otherwise no duty is due and the
// matching "none" texts explain why.
type rule struct {
	dutyCents      int64
	what           string // the documents the rule covers, for Reason
	reference      string
	thresholdCents int64 // -1: the duty is due whatever the amount
	vatExemptOnly  bool
	belowReason    string // why no duty is due at or under the threshold
	vatReason      string // why no duty is due for an operation subject to VAT
	vatReference   string
}

// rules is the table of the imposta di bollo on the documents the SDK
// produces, DPR 26 ottobre 1972 n. 642 ("DPR 642/1972"), Tariff (Annex
// A), Part I:
//
//   - certificates and istanze to a public body: €16.00 (art. 3); for
//     istanze sent electronically art. 3(1-bis) sets a flat €16.00
//     whatever the size of the document;
//   - invoices, notes, receipts and quietanze (art. 13 n. 1) and
//     statements and debit documents (art. 13 n. 2): €2.00, the amount
//     fixed from 26 June 2013 by Law 71/2013, due only when the amount is
//     over €77.47 and the operation is not subject to VAT. "Over" is
//     strict: at exactly €77.47 (7747 cents) no duty is due. The rule on
//     VAT is the general one; the exact notes of the Tariff that state it
//     are not identified here.
var rules = map[DocumentKind]rule{
	Certificate: {
		dutyCents:      1600,
		what:           "certificates",
		reference:      "art. 3 of the Tariff (Annex A), Part I, DPR 642/1972",
		thresholdCents: -1,
	},
	Application: {
		dutyCents:      1600,
		what:           "applications (istanze) to a public body, flat also when sent electronically",
		reference:      "art. 3 and 3(1-bis) of the Tariff (Annex A), Part I, DPR 642/1972",
		thresholdCents: -1,
	},
	Document: {
		dutyCents:      200,
		what:           "invoices, receipts and statements over €77.47 for operations not subject to VAT",
		reference:      "art. 13 nn. 1 and 2 of the Tariff (Annex A), Part I, DPR 642/1972; amount set by Law 71/2013",
		thresholdCents: 7747,
		vatExemptOnly:  true,
		belowReason:    "no duty on invoices, receipts and statements of €77.47 or less",
		vatReason:      "no duty on documents for operations subject to VAT (general rule of alternation between VAT and stamp duty)",
		vatReference:   "DPR 642/1972 (general rule; Tariff notes not identified)",
	},
}

// exemptions is the table of exemptions from the imposta di bollo on
// certificates, by code of ANPR's Tabella 39 "Esenzione bollo". "Table
// B" is Table B annexed to DPR 642/1972. Code 99 ("altro motivo", with a
// free description) has no reference and is not in the table.
var exemptions = map[string]struct{ what, reference string }{
	"1":  {"ONLUS", "art. 27-bis of Table B, DPR 642/1972"},
	"2":  {"sports clubs and associations", "art. 8-bis of Table B, DPR 642/1972"},
	"3":  {"court proceedings", "art. 18 DPR 115/2002"},
	"4":  {"court-appointed experts and bankruptcy receivers", "art. 16 of Table B, DPR 642/1972"},
	"5":  {"interdiction, incapacitation and support administration", "art. 13 of Table B, DPR 642/1972"},
	"6":  {"adoption, foster care and guardianship of minors", "art. 13 of Table B, DPR 642/1972; art. 82 Law 184/1983"},
	"7":  {"separation and divorce", "art. 19 Law 74/1987"},
	"8":  {"change of street names", "art. 16(8) Law 537/1993"},
	"9":  {"foreign pensions", "art. 9 of Table B, DPR 642/1972"},
	"10": {"exchange of documents between public bodies", "art. 16 of Table B, DPR 642/1972"},
}

// virtualStampWording is the wording of the bollo virtuale (art. 15
// DPR 642/1972) printed on a document: the current practice's "imposta
// di bollo assolta in modo virtuale ex art. 15 DPR 642/1972,
// autorizzazione Agenzia delle Entrate – Ufficio di … n. … del …",
// without the office, which the authorisation number does not carry,
// and with a capital initial as in the original 1972 text.
const virtualStampWording = "Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. %s del %s"

// maxAuthorisation bounds the length in bytes of an authorisation
// number given to VirtualStampWording.
const maxAuthorisation = 64

// Due returns the imposta di bollo due on a document of the given kind,
// whose amount is amountCents euro cents (ignored for certificates and
// istanze, due €16.00 whatever the amount), for an operation not subject
// to VAT when vatExempt is set. The rules and their legal references are
// those of DPR 642/1972 given on the DocumentKind constants: a Document is
// due €2.00 when vatExempt is set and the amount is strictly over €77.47,
// nothing otherwise.
//
// An unknown kind is an ErrUnknownKind, a negative amount an ErrInvalid,
// both as a *RuleError. Exemptions are not applied: see Exempt.
func Due(kind DocumentKind, amountCents int64, vatExempt bool) (Duty, error) {
	r, ok := rules[kind]
	if !ok {
		return Duty{}, &RuleError{Err: ErrUnknownKind, Field: "kind", Detail: fmt.Sprintf("%q", truncate(string(kind)))}
	}
	if amountCents < 0 {
		return Duty{}, &RuleError{Err: ErrInvalid, Field: "amountCents", Detail: fmt.Sprintf("negative amount %d", amountCents)}
	}
	switch {
	case r.vatExemptOnly && !vatExempt:
		return none(r.vatReason, r.vatReference), nil
	case r.thresholdCents >= 0 && amountCents <= r.thresholdCents:
		return none(r.belowReason, r.reference), nil
	}
	return Duty{
		AmountCents: r.dutyCents,
		Reason:      euros(r.dutyCents) + ": " + r.what + ", " + r.reference,
		Reference:   r.reference,
	}, nil
}

// Exempt returns the duty, none, on a certificate exempt from the
// imposta di bollo under code, a code of ANPR's Tabella 39 "Esenzione
// bollo" from "1" to "10", with the reason and the legal reference of
// the exemption. Any other code, "99" included, is an
// ErrUnknownExemption as a *RuleError.
func Exempt(code string) (Duty, error) {
	e, ok := exemptions[code]
	if !ok {
		return Duty{}, &RuleError{Err: ErrUnknownExemption, Field: "code", Detail: fmt.Sprintf("%q", truncate(code))}
	}
	return Duty{
		Reason:    euros(0) + ": exempt, " + e.what + ", " + e.reference,
		Reference: e.reference,
	}, nil
}

// VirtualStampWording returns the wording a document must legibly carry
// when the body pays the imposta di bollo in the virtual way, under an
// authorisation (art. 15 DPR 642/1972):
//
//	Imposta di bollo assolta in modo virtuale ex art. 15 DPR 642/1972, autorizzazione n. <N> del <DD/MM/YYYY>
//
// It follows the wording in current use, which also names the office of
// the Agenzia delle Entrate that granted the authorisation ("autorizzazione
// Agenzia delle Entrate – Ufficio di … n. … del …"): callers who need the
// office include it in authorisation. The date is formatted in its own
// location.
//
// An authorisation empty after trimming spaces, longer than 64 bytes, not
// UTF-8 or holding control characters, or a zero date, is an ErrInvalid as
// a *RuleError.
func VirtualStampWording(authorisation string, date time.Time) (string, error) {
	a := strings.TrimSpace(authorisation)
	switch {
	case a == "":
		return "", &RuleError{Err: ErrInvalid, Field: "authorisation", Detail: "empty"}
	case len(a) > maxAuthorisation:
		return "", &RuleError{Err: ErrInvalid, Field: "authorisation", Detail: fmt.Sprintf("longer than %d bytes", maxAuthorisation)}
	case !utf8.ValidString(a):
		return "", &RuleError{Err: ErrInvalid, Field: "authorisation", Detail: "not UTF-8"}
	case strings.IndexFunc(a, unicode.IsControl) >= 0:
		return "", &RuleError{Err: ErrInvalid, Field: "authorisation", Detail: "control character"}
	case date.IsZero():
		return "", &RuleError{Err: ErrInvalid, Field: "date", Detail: "zero date"}
	}
	return fmt.Sprintf(virtualStampWording, a, date.Format("02/01/2006")), nil
}

func none(reason, reference string) Duty {
	return Duty{Reason: euros(0) + ": " + reason + ", " + reference, Reference: reference}
}

// euros formats a non-negative amount in cents as "€16.00".
func euros(cents int64) string {
	return fmt.Sprintf("€%d.%02d", cents/100, cents%100)
}

// truncate bounds a value quoted in an error.
func truncate(s string) string {
	const limit = 32
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}
