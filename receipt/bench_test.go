package receipt_test

import (
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/receipt"
)

func benchmarkParse(b *testing.B, name string) {
	in := testdata(b, name)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := receipt.Parse(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSendRTV2 parses a paSendRTV2 request in a SOAP envelope
// with two transfers, one carrying a base64 marca da bollo.
func BenchmarkParseSendRTV2(b *testing.B) { benchmarkParse(b, "sendrtv2.xml") }

// BenchmarkParseReceiptV1 parses a bare V1 receipt.
func BenchmarkParseReceiptV1(b *testing.B) { benchmarkParse(b, "receipt_v1.xml") }

// BenchmarkParseInviaRT parses a paaInviaRT request, its RT in base64.
func BenchmarkParseInviaRT(b *testing.B) { benchmarkParse(b, "paainviart.xml") }

// BenchmarkParseOfficialSendRTV2 parses the official paSendRTV2Request
// sample (from PAGOKIT_SPECS), which also raises three warnings.
func BenchmarkParseOfficialSendRTV2(b *testing.B) {
	in := readFile(b, testenv.Specs(b, "pagopa", "samples", "paSendRTV2Request.xml"))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := receipt.Parse(in); err != nil {
			b.Fatal(err)
		}
	}
}
