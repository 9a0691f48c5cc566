package noticepdf

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkRenderSingle renders a single-instalment notice (validation
// included). Run with -cpu 1 for the per-core figure in BENCHMARKS.md.
func BenchmarkRenderSingle(b *testing.B) {
	benchRender(b, validRequest)
}

// BenchmarkRenderInstalments renders a rata unica with 3 instalments and
// the postal slips (2 pages, 4 QR codes, 4 DataMatrix symbols).
func BenchmarkRenderInstalmentsPoste(b *testing.B) {
	benchRender(b, func(t testing.TB) *Request { return withPoste(instalmentsRequest(t)) })
}

func benchRender(b *testing.B, req func(testing.TB) *Request) {
	n := mustNotice(b, req(b))
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(&buf, n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

// BenchmarkBulk renders notices from JSON Lines into a ZIP.
func BenchmarkBulk(b *testing.B) {
	line := jsonLine(b, validRequest(b))
	const per = 100
	in := strings.Repeat(line+"\n", per)
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		// Every record has the same notice number: all but the first are
		// reported as duplicates after rendering, so each is still drawn.
		if _, err := r.Bulk(context.Background(), strings.NewReader(in), io.Discard, BulkOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N)/per*1e3, "ms/notice")
}
