package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pagokit/pagokit/pagopa"
)

// benchBackends are the databases the benchmarks run on: SQLite always,
// PostgreSQL when PAGOKIT_POSTGRES_DSN is set.
var benchBackends = []struct {
	name string
	b    backend
}{
	{"SQLite", sqliteBackend},
	{"PostgreSQL", postgresBackend},
}

// benchPosition is a position with one option, as the endpoint looks it
// up on every verify and activate.
func benchPosition(i int) *pagopa.Position {
	iuv := fmt.Sprintf("02%015d", i)
	return &pagopa.Position{
		Organization: "77777777777", IUPD: fmt.Sprintf("IUPD-%08d", i), Status: pagopa.Valid,
		Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi", CompanyName: "Comune di Prova",
		Options: []pagopa.Option{{
			IUV: iuv, Amount: 12050, Description: "TARI 2026", DueDate: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
			Status: pagopa.OptionUnpaid,
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 12050, IBAN: "IT60X0542811101000000123456",
				Remittance: "TARI 2026", Category: "9/0101108TS/"}},
		}},
	}
}

// BenchmarkPositionByIUV looks positions up by IUV among 1,000.
func BenchmarkPositionByIUV(b *testing.B) {
	for _, bb := range benchBackends {
		b.Run(bb.name, func(b *testing.B) {
			if bb.b.dialect == postgresBackend.dialect {
				postgresDSN(b)
			}
			s := bb.b.store(b)
			const n = 1000
			for i := range n {
				if err := s.CreatePosition(b.Context(), benchPosition(i)); err != nil {
					b.Fatal(err)
				}
			}
			i := 0
			for b.Loop() {
				iuv := benchPosition(i % n).Options[0].IUV
				if _, err := s.PositionByIUV(b.Context(), "77777777777", iuv); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkSaveReceipt stores receipts that pay positions: the insert,
// the locked read of the position, ApplyReceipt and the write-back, in
// one transaction.
func BenchmarkSaveReceipt(b *testing.B) {
	for _, bb := range benchBackends {
		b.Run(bb.name, func(b *testing.B) {
			if bb.b.dialect == postgresBackend.dialect {
				postgresDSN(b)
			}
			s := bb.b.store(b)
			raw := make([]byte, 4096) // a receipt element is a few KiB
			b.StopTimer()
			for i := range b.N {
				if err := s.CreatePosition(b.Context(), benchPosition(i)); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			for i := range b.N {
				r := &pagopa.Receipt{Organization: "77777777777", ReceiptID: fmt.Sprintf("R%08d", i), Outcome: "OK",
					IUV: benchPosition(i).Options[0].IUV, Amount: 12050, Raw: raw,
					PaymentDateTime: time.Date(2026, 3, 20, 10, 15, 30, 0, time.UTC)}
				stored, err := s.SaveReceipt(b.Context(), r)
				if err != nil || !stored || len(r.Anomalies) != 0 {
					b.Fatalf("SaveReceipt = %v, %v, anomalies %v", stored, err, r.Anomalies)
				}
			}
		})
	}
}
