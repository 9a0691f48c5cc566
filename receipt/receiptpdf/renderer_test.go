package receiptpdf

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/pagokit/pagokit/receipt"
)

func render(t testing.TB, r *Renderer, rc *receipt.Receipt) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, rc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDeterministic checks that a receipt renders to the same bytes every
// time, with one Renderer or another, one goroutine or many.
func TestDeterministic(t *testing.T) {
	for _, mk := range []func() *receipt.Receipt{fullReceipt, legacyReceipt, manyReceipt, stampReceipt, minimalReceipt} {
		r1, err := New()
		if err != nil {
			t.Fatal(err)
		}
		r2, err := New(WithLogo(testLogo(t)))
		if err != nil {
			t.Fatal(err)
		}
		first := render(t, r1, mk())
		if !bytes.Equal(first, render(t, r1, mk())) {
			t.Error("two renderings with one Renderer differ")
		}
		r3, err := New()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, render(t, r3, mk())) {
			t.Error("renderings with two Renderers differ")
		}
		withLogo := render(t, r2, mk())
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				var buf bytes.Buffer
				if err := r2.Render(&buf, mk()); err != nil || !bytes.Equal(buf.Bytes(), withLogo) {
					t.Error("concurrent renderings differ")
				}
			})
		}
		wg.Wait()
	}
	// And the output does depend on the receipt and the language.
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	en, err := New(WithLang(English))
	if err != nil {
		t.Fatal(err)
	}
	other := fullReceipt()
	other.PaymentAmountCents++
	if a := render(t, r, fullReceipt()); bytes.Equal(a, render(t, r, other)) || bytes.Equal(a, render(t, en, fullReceipt())) {
		t.Error("different receipts or languages render to the same bytes")
	}
}

// TestNoCreationDate checks that nothing of the moment of rendering is
// written: no creation date in the information dictionary.
func TestNoCreationDate(t *testing.T) {
	r, err := New(WithProducer("Comune di Esempio"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := string(render(t, r, fullReceipt()))
	if strings.Contains(pdf, "/CreationDate") || strings.Contains(pdf, "/ModDate") {
		t.Error("the PDF carries a date")
	}
	if !strings.Contains(pdf, "/Producer (Comune di Esempio)") {
		t.Error("WithProducer is not written")
	}
}

// TestRenderDoesNotModify checks that rendering leaves the receipt as it
// was.
func TestRenderDoesNotModify(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	rc := fullReceipt()
	render(t, r, rc)
	if got, want := rc.Transfers[0].IBAN, "IT60X0542811101000000123456"; got != want {
		t.Errorf("IBAN became %q", got)
	}
	if got, want := rc.NoticeNumber, "348172725623804858"; got != want {
		t.Errorf("notice number became %q", got)
	}
}
