package receiptpdf

import (
	"bytes"
	"testing"

	"github.com/pagokit/pagokit/receipt"
)

// BenchmarkRender renders the receipt with every field set (validation
// included): one page, two transfers.
func BenchmarkRender(b *testing.B) {
	benchRender(b, fullReceipt())
}

// BenchmarkRenderFiveTransfers renders five transfers and a
// 140-character causale.
func BenchmarkRenderFiveTransfers(b *testing.B) {
	benchRender(b, manyReceipt())
}

func benchRender(b *testing.B, rc *receipt.Receipt) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(&buf, rc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
