package pagopa_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// Example serves one notice with a Handler and pays it as the Nodo would.
func Example() {
	cfg := pagopa.Config{BrokerID: "15376371009", Stations: []pagopa.Station{{
		ID: "15376371009_01", AuxDigit: 3, SegregationCode: "02", PrimitiveVersion: 2,
		Enti: []pagopa.Ente{{FiscalCode: "77777777777", CompanyName: "Comune di Esempio"}},
	}}}
	p := &pagopa.Position{
		IUPD: "TARI-2025-000184", Organization: "77777777777",
		Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi",
		CompanyName: "Comune di Esempio",
		Options: []pagopa.Option{{
			IUV: "02000000000000184", Amount: 13650, Description: "TARI 2025",
			DueDate: time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC),
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 13650, Remittance: "TARI 2025", Category: "0101101IM",
				IBAN: "IT60X0542811101000000123456"}},
		}},
	}
	if err := p.Validate(); err != nil {
		log.Fatal(err)
	}
	if err := p.Publish(time.Now()); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	store := pagopa.NewMemoryStore()
	if err := store.CreatePosition(ctx, p); err != nil {
		log.Fatal(err)
	}
	h, err := pagopa.NewHandler(cfg, store)
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	nodo := &pagopatest.Nodo{URL: srv.URL, BrokerID: "15376371009", StationID: "15376371009_01"}
	pay, err := nodo.Pay(ctx, "77777777777", "302000000000000184", true)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pay.Verification.Amount, pay.Activation.IUV)
	paid, _ := store.Position(ctx, "77777777777", "TARI-2025-000184")
	fmt.Println(paid.Status)
	// Output:
	// 13650 02000000000000184
	// PAID
}

func ExamplePosition_Validate() {
	p := &pagopa.Position{IUPD: "X", Organization: "77777777777", Type: pagopa.NaturalPerson,
		FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi", CompanyName: "Comune di Esempio",
		Options: []pagopa.Option{{IUV: "02000000000000184", Amount: 13650, Description: "TARI 2025",
			DueDate: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 13000, Remittance: "TARI 2025", Category: "0101101IM",
				IBAN: "IT60X0542811101000000123456"}}}},
	}
	fmt.Println(p.Validate())
	// Output:
	// pagopa: invalid: paymentOption[0].transfer: pagopa: inconsistent: transfers add up to 13000 cents, the option is 13650
}

// ExampleWithStampPolicy serves a certificate that costs a €16.00
// @e.bollo stamp: the Handler asks for the stamp with paGetPaymentV2 and
// checks the MBD the receipt brings back. A test PSP of pagopatest signs
// it; the Handler trusts that PSP's CA.
func ExampleWithStampPolicy() {
	certificate := []byte("%PDF-1.7 certificato di residenza …")
	cfg := pagopa.Config{BrokerID: "15376371009", Stations: []pagopa.Station{{
		ID: "15376371009_01", AuxDigit: 3, SegregationCode: "02", PrimitiveVersion: 2,
		Enti: []pagopa.Ente{{FiscalCode: "77777777777", CompanyName: "Comune di Esempio", Province: "RM"}},
	}}}
	p := &pagopa.Position{
		IUPD: "CERT-2026-000001", Organization: "77777777777",
		Type: pagopa.NaturalPerson, FiscalCode: "RSSMRA80A01H501U", FullName: "Mario Rossi",
		CompanyName: "Comune di Esempio",
		Options: []pagopa.Option{{
			IUV: "02000000000000386", Amount: 1600, Description: "Certificato di residenza in bollo",
			DueDate: time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC),
			Transfers: []pagopa.Transfer{{ID: 1, Amount: 1600, Remittance: "Marca da bollo", Category: "9/0301116TS",
				Stamp: &pagopa.Stamp{HashDocument: bollo.HashBytes(certificate), Type: bollo.TypeStamp, ProvincialResidence: "RM"}}},
		}},
	}
	if err := p.Validate(); err != nil {
		log.Fatal(err)
	}
	if err := cfg.CheckPosition(p); err != nil {
		log.Fatal(err)
	}
	if err := p.Publish(time.Now()); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	store := pagopa.NewMemoryStore()
	if err := store.CreatePosition(ctx, p); err != nil {
		log.Fatal(err)
	}
	psp, err := pagopatest.NewStampIssuer()
	if err != nil {
		log.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(psp.CA) // in production: the AdE CA, or the PSPs' certificates
	h, err := pagopa.NewHandler(cfg, store,
		pagopa.WithStampPolicy(pagopa.StampPolicy{Trust: bollo.Policy{Roots: roots}}),
		pagopa.WithStampObserver(func(ctx context.Context, e pagopa.StampEvent) {
			fmt.Println("stamp checked, error:", e.Err)
		}))
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	nodo := &pagopatest.Nodo{URL: srv.URL, BrokerID: "15376371009", StationID: "15376371009_01", Stamps: psp}
	pay, err := nodo.Pay(ctx, "77777777777", "302000000000000386", true)
	if err != nil {
		log.Fatal(err)
	}
	r, _ := store.Receipt(ctx, "77777777777", pay.ReceiptID)
	s := r.Transfers[0].Stamp
	fmt.Println(s.Valid, s.SignerTrusted, *s.DigestMatches, s.Amount)
	// Output:
	// stamp checked, error: <nil>
	// true true true 1600
}
