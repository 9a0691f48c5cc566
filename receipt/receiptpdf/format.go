package receiptpdf

import (
	"strings"
	"time"
	"unicode"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/receipt"
)

// Italian civil time: CET, and CEST from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October (the EU rule, in force
// in Italy since 1996). It is computed here rather than loaded from the
// system's time zone database, so the output does not depend on it.
var (
	cet  = time.FixedZone("CET", 1*3600)
	cest = time.FixedZone("CEST", 2*3600)
)

// italianTime returns t in Italian civil time.
func italianTime(t time.Time) time.Time {
	u := t.UTC()
	y := u.Year()
	if !u.Before(summerTimeSwitch(y, time.March)) && u.Before(summerTimeSwitch(y, time.October)) {
		return u.In(cest)
	}
	return u.In(cet)
}

// summerTimeSwitch returns 01:00 UTC on the last Sunday of month m of
// year y.
func summerTimeSwitch(y int, m time.Month) time.Time {
	last := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC) // day 0 of next month: last day of m
	return last.AddDate(0, 0, -int(last.Weekday()))
}

// dateTime formats the instant t in Italian time: 25/09/2024 11:24:01 in
// Italian, 2024-09-25 11:24:01 in English.
func (s *strs) dateTime(t time.Time) string {
	t = italianTime(t)
	if s.italian {
		return t.Format("02/01/2006 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05")
}

// date formats a calendar date: 25/09/2024 in Italian, 2024-09-25 in
// English.
func (s *strs) date(d receipt.Date) string {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if s.italian {
		return t.Format("02/01/2006")
	}
	return t.Format("2006-01-02")
}

// amount formats cents in euro: "1.020,99 €" in Italian, "€1,020.99" in
// English.
func (s *strs) amount(cents int64) string {
	if s.italian {
		return money.FormatItalian(cents) + " €"
	}
	return "€" + money.FormatEnglish(cents)
}

// outcomeText names the outcome of the payment; a value other than OK, KO or
// PARTIAL is printed as it is. For an RT, codiceEsitoPagamento 3 and 4
// (decorrenza termini) are spelled out, and a code out of the schema is
// added in brackets.
func (s *strs) outcomeText(rc *receipt.Receipt) string {
	var o string
	switch rc.Outcome {
	case "OK":
		o = s.outcomeOK
	case "KO":
		o = s.outcomeKO
	case "PARTIAL":
		o = s.outcomePart
	default:
		o = clean(rc.Outcome)
	}
	if lg := rc.Legacy; lg != nil && lg.OutcomeCode != "" {
		switch code := clean(lg.OutcomeCode); code {
		case "0", "1", "2": // said by the outcome
		case "3":
			o += " – " + s.expired
		case "4":
			o += " – " + s.expiredPartial
		default:
			o += " (" + code + ")"
		}
	}
	return o
}

// grouped writes a code in groups of four characters, as printed notices
// write notice numbers ("3481 7272 5623 8048 58") and as IBANs are written
// on paper. A code that is not a single run of letters and digits is
// returned as it is.
func grouped(code string) string {
	code = clean(code)
	for _, c := range code {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return code
		}
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(code[i])
	}
	return b.String()
}

// clean collapses every run of white space of s into one space and trims
// it: texts are printed on the receipt's own lines.
func clean(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// address composes the postal address of a subject on one line:
// "Via Roma 1, 00100 Roma (RM), IT".
func address(sj *receipt.Subject) string {
	var parts []string
	if st := strings.TrimSpace(clean(sj.StreetName) + " " + clean(sj.CivicNumber)); st != "" {
		parts = append(parts, st)
	}
	city := strings.TrimSpace(clean(sj.PostalCode) + " " + clean(sj.City))
	if p := clean(sj.StateProvinceRegion); p != "" {
		city = strings.TrimSpace(city + " (" + p + ")")
	}
	if city != "" {
		parts = append(parts, city)
	}
	if c := clean(sj.Country); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, ", ")
}
