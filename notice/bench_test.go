package notice

import "testing"

var sinkNumber Number

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		n, err := Parse("348172725623804858")
		if err != nil {
			b.Fatal(err)
		}
		sinkNumber = n
	}
}

func BenchmarkQRPayload(b *testing.B) {
	q := QR{Number: mustParse(b, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Payload(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQRPNG(b *testing.B) {
	q := QR{Number: mustParse(b, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.PNG(330); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQRModules(b *testing.B) {
	q := QR{Number: mustParse(b, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Modules(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDataMatrixPayload(b *testing.B) {
	d := sampleDataMatrix(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Payload(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDataMatrixPNG(b *testing.B) {
	d := sampleDataMatrix(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.PNG(4); err != nil {
			b.Fatal(err)
		}
	}
}
