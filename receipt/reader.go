package receipt

import (
	"fmt"
	"strings"
	"time"
)

// A reader maps the elements of one receipt (a <receipt> or an <RT>)
// into a Receipt, collecting warnings. Paths are relative to root.
type reader struct {
	t    *tree
	root int32
	r    *Receipt
}

func (rd *reader) path(n int32) string { return rd.t.path(rd.root, n) }

// pathOf returns the path of the child name of parent, present or not.
func (rd *reader) pathOf(parent int32, name string) string {
	return rd.path(parent) + "/" + name
}

// maxWarnings bounds the warnings of a receipt, and so the work spent
// on the paths of a hostile message's many departures.
const maxWarnings = 100

// warnAt adds a warning about n.
func (rd *reader) warnAt(n int32, msg string) {
	if rd.room() {
		rd.r.Warnings = append(rd.r.Warnings, Warning{Path: rd.path(n), Message: msg})
	}
}

// warnChild adds a warning about the child name of parent, which may be
// missing.
func (rd *reader) warnChild(parent int32, name, msg string) {
	if rd.room() {
		rd.r.Warnings = append(rd.r.Warnings, Warning{Path: rd.pathOf(parent, name), Message: msg})
	}
}

// room reports whether another warning may be added; the last one
// allowed says that more were left out.
func (rd *reader) room() bool {
	switch n := len(rd.r.Warnings); {
	case n < maxWarnings-1:
		return true
	case n == maxWarnings-1:
		rd.r.Warnings = append(rd.r.Warnings, Warning{Path: rd.path(rd.root), Message: "more warnings left out"})
	}
	return false
}

// fieldErr returns a *FieldError at path wrapping sentinel with a
// description.
func fieldErr(path string, sentinel error, format string, args ...any) error {
	return &FieldError{Path: path, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// required returns the text of n, the child name of parent, failing
// with ErrMissing when it is absent or empty.
func (rd *reader) required(parent, n int32, name string) (string, error) {
	if n == none {
		return "", fieldErr(rd.pathOf(parent, name), ErrMissing, "no <%s>", name)
	}
	s := rd.t.text(n)
	if s == "" {
		return "", fieldErr(rd.path(n), ErrMissing, "<%s> is empty", name)
	}
	return strings.Clone(s), nil
}

// expected returns the text of n, the child name of parent, which the
// schema requires; a receipt without it is still read, with a warning.
func (rd *reader) expected(parent, n int32, name string) string {
	if n == none {
		rd.warnChild(parent, name, "missing (the schema requires it)")
		return ""
	}
	return rd.optional(n)
}

// optional returns the text of n, or "" when n is none. A present but
// empty element departs from the schema's text types (minLength 1) and
// gets a warning.
func (rd *reader) optional(n int32) string {
	if n == none {
		return ""
	}
	s := rd.t.text(n)
	if s == "" {
		rd.warnAt(n, "empty (the schema requires at least one character)")
	}
	// A copy: a substring would keep the whole message alive for as
	// long as the caller keeps any one value (a receipt id in a set of
	// seen ids, say).
	return strings.Clone(s)
}

// amount reads the amount in n (which must be present), in cents.
func (rd *reader) amount(n int32) (int64, error) {
	s := rd.t.text(n)
	if s == "" {
		return 0, fieldErr(rd.path(n), ErrMissing, "<%s> is empty", rd.t.local(n))
	}
	v, ok := parseAmount(s)
	if !ok {
		return 0, fieldErr(rd.path(n), ErrInvalid, "amount %q is not digits, a point and two decimals", clip(s))
	}
	if v > maxAmount {
		rd.warnAt(n, "amount above the schema's maximum 999999999.99")
	}
	return v, nil
}

// optAmount reads an optional amount: nil when n is none.
func (rd *reader) optAmount(n int32) (*int64, error) {
	if n == none {
		return nil, nil
	}
	v, err := rd.amount(n)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// date reads an optional xs:date: nil when n is none, with a warning
// when it is empty.
func (rd *reader) date(n int32) (*Date, error) {
	s := rd.optional(n)
	if s == "" {
		return nil, nil
	}
	d, ok := parseDate(s)
	if !ok {
		return nil, fieldErr(rd.path(n), ErrInvalid, "date %q is not YYYY-MM-DD", clip(s))
	}
	return &d, nil
}

// dateTime reads an optional xs:dateTime: nil when n is none, with a
// warning when it is empty.
func (rd *reader) dateTime(n int32) (*time.Time, error) {
	s := rd.optional(n)
	if s == "" {
		return nil, nil
	}
	v, ok := parseDateTime(s)
	if !ok {
		return nil, fieldErr(rd.path(n), ErrInvalid, "date-time %q is not YYYY-MM-DDThh:mm:ss", clip(s))
	}
	return &v, nil
}

// checkDigits warns when s (from n) is not n digits; empty values have
// been reported already.
func (rd *reader) checkDigits(n int32, s string, count int, what string) {
	if s == "" {
		return
	}
	ok := len(s) == count
	for i := 0; ok && i < len(s); i++ {
		ok = isDigit(s[i])
	}
	if !ok {
		rd.warnAt(n, fmt.Sprintf("not %s of %d digits", what, count))
	}
}

// metadata reads a ctMetadata: its mapEntry children.
func (rd *reader) metadata(n int32) []MapEntry {
	count := 0
	for c := rd.t.nodes[n].first; c != none; c = rd.t.nodes[c].next {
		if rd.t.is(c, "mapEntry") {
			count++
		}
	}
	if count == 0 {
		rd.warnAt(n, "no mapEntry")
		return nil
	}
	out := make([]MapEntry, 0, count)
	for c := rd.t.nodes[n].first; c != none; c = rd.t.nodes[c].next {
		if !rd.t.is(c, "mapEntry") {
			continue
		}
		out = append(out, MapEntry{
			Key:   rd.expected(c, rd.t.child(c, "key"), "key"),
			Value: rd.expected(c, rd.t.child(c, "value"), "value"),
		})
	}
	return out
}

// checkSum warns when the transfers do not add up to the amount.
func (rd *reader) checkSum(list int32, total int64) {
	if len(rd.r.Transfers) == 0 {
		return
	}
	var sum int64
	for _, tr := range rd.r.Transfers {
		sum += tr.AmountCents
	}
	if sum != total {
		rd.warnAt(list, fmt.Sprintf("the transfers add up to %d cents, the total is %d", sum, total))
	}
}
