package pagopatest_test

import (
	"context"
	"fmt"

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
