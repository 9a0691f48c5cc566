package notice

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// randomParts returns random valid parts of a notice number.
func randomParts(r *rand.Rand) Parts {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	p := Parts{AuxDigit: r.IntN(4)}
	switch p.AuxDigit {
	case 0:
		p.ApplicationCode = digits(2)
	case 3:
		p.SegregationCode = digits(2)
	}
	p.Base = digits(baseLen(p.AuxDigit))
	return p
}

// randomNumber returns a valid notice number with random parts.
func randomNumber(t *testing.T, r *rand.Rand) Number {
	t.Helper()
	n, err := Build(randomParts(r))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestQRRoundTrip: build → parse gives back the same values, for random
// notice numbers, fiscal codes and amounts across the whole range.
func TestQRRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		cf := randomNumber(t, r).String()[:11]
		amount := 1 + r.Int64N(MaxQRAmountCents)
		if i%10 == 0 {
			amount = 1 + r.Int64N(99) // short amounts
		}
		q := QR{Number: randomNumber(t, r), FiscalCode: cf, AmountCents: amount}
		p, err := q.Payload()
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if n := len(p); n < 11+18+1+11+1+2 || n > 11+18+1+11+1+10 {
			t.Fatalf("payload %q has length %d", p, n)
		}
		back, err := ParseQR(p)
		if err != nil {
			t.Fatalf("ParseQR(%q): %v", p, err)
		}
		if diff := cmp.Diff(q, back, cmp.AllowUnexported(Number{})); diff != "" {
			t.Fatalf("round trip of %q (-want +got):\n%s", p, diff)
		}
	}
}

// TestDataMatrixRoundTrip: build → parse gives back the same values for
// random contents; texts are plain ASCII, which transliteration keeps.
func TestDataMatrixRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	text := func(max int) string {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:'/-|()&"
		b := make([]byte, 1+r.IntN(max))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		// Leading spaces are kept; trailing spaces are padding.
		return strings.TrimRight(string(b), " ") + "x"
	}
	for i := 0; i < 2000; i++ {
		account := randomNumber(t, r).String()[:1+r.IntN(12)]
		account = strings.TrimLeft(account, "0")
		if account == "" {
			account = "7"
		}
		d := DataMatrix{
			Number:           randomNumber(t, r),
			PostalAccount:    account,
			AmountCents:      1 + r.Int64N(MaxQRAmountCents),
			FiscalCode:       randomNumber(t, r).String()[:11],
			DebtorFiscalCode: []string{"", "RSSMRA80A01H501U", "00743110157", "ANONYMOUS"}[r.IntN(4)],
			DebtorName:       text(39),
			Subject:          text(109),
		}
		p, err := d.Payload()
		if err != nil {
			t.Fatalf("%+v: %v", d, err)
		}
		if len(p) != DataMatrixLength {
			t.Fatalf("payload length %d", len(p))
		}
		back, err := ParseDataMatrix(p)
		if err != nil {
			t.Fatalf("ParseDataMatrix(%q): %v", p, err)
		}
		if diff := cmp.Diff(d, back, cmp.AllowUnexported(Number{})); diff != "" {
			t.Fatalf("round trip of %q (-want +got):\n%s", p, diff)
		}
	}
}
