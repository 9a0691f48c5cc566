package pagopatest_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa/pagopatest"
)

// ExampleNodo_Pay pays a notice against the endpoint of the tests above
// (a pagopa.Handler in an httptest.Server).
func ExampleNodo_Pay() {
	nodo := &pagopatest.Nodo{URL: exampleEndpoint(), BrokerID: broker, StationID: station}
	pay, err := nodo.Pay(context.Background(), ente, "302000000000000184", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pay.Activation.Amount, len(pay.Activation.Transfers))
	_, err = nodo.Verify(context.Background(), ente, "302000000000000184")
	fmt.Println(pagopatest.IsFault(err, "PAA_PAGAMENTO_DUPLICATO"))
	// Output:
	// 13650 1
	// true
}

func ExampleStampIssuer() {
	psp, err := pagopatest.NewStampIssuer()
	if err != nil {
		panic(err)
	}
	hash := bollo.HashBytes([]byte("certificato di residenza"))
	mbd, err := psp.MBD(hash, 1600, time.Date(2026, 11, 20, 10, 31, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(psp.CA)
	res, err := bollo.Verify(mbd, bollo.Policy{Roots: roots, ExpectedHash: hash, ExpectedAmountCents: 1600})
	fmt.Println(err, res.MBD.AmountCents, *res.DigestMatches)
	// Output: <nil> 1600 true
}
