package pagopa_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

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
