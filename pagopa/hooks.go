package pagopa

import (
	"context"
	"fmt"
)

// An ActualizeFunc brings an option up to date when the Nodo verifies or
// activates it: interest, penalties, a reduced amount within a deadline,
// the SEND notification cost. It gets copies of the position and option
// and changes o in place: Amount and Transfers (which must still add up),
// DueDate, Description. Returning a *FaultError (see Fault) answers the
// Nodo with that fault, e.g. FaultInProgress when the ente knows a
// payment is under way elsewhere; any other error answers
// PAA_SYSTEM_ERROR. ctx carries the deadline of the Nodo's call.
type ActualizeFunc func(ctx context.Context, op Operation, p *Position, o *Option) error

// Operation names a paForNode primitive.
type Operation string

// The primitives the Handler serves.
const (
	OpVerify       Operation = "paVerifyPaymentNotice"
	OpGetPayment   Operation = "paGetPayment"
	OpGetPaymentV2 Operation = "paGetPaymentV2"
	OpSendRT       Operation = "paSendRT"
	OpSendRTV2     Operation = "paSendRTV2"
	OpDemand       Operation = "paDemandPaymentNotice"
)

// A DemandRequest is a spontaneous payment asked for at a PSP
// (paDemandPaymentNotice): the service and its data.
type DemandRequest struct {
	Organization string // idPA
	ServiceID    string // idServizio (5 characters)
	SubjectID    string // idSoggettoServizio
	// UnverifiedServiceData is the service's XML (datiSpecificiServizio,
	// base64-decoded), as the PSP sent it: validate it before use.
	UnverifiedServiceData []byte
}

// A DemandFunc creates the position of a spontaneous payment. The
// returned position, with one option, is validated, published and stored
// by the Handler, which answers with its notice number. Return a
// *FaultError (e.g. FaultUnknown for an unknown service, FaultSemantics
// for invalid service data) to choose the fault.
type DemandFunc func(ctx context.Context, d DemandRequest) (*Position, error)

// A ServiceCatalog maps idServizio to the function that turns the
// service's data into a position. Its Demand method is a DemandFunc.
type ServiceCatalog map[string]DemandFunc

// Demand dispatches d to the catalogue entry for d.ServiceID, or answers
// FaultUnknown.
func (c ServiceCatalog) Demand(ctx context.Context, d DemandRequest) (*Position, error) {
	f, ok := c[d.ServiceID]
	if !ok {
		return nil, Fault(FaultUnknown, fmt.Sprintf("service %q not in the catalogue", d.ServiceID))
	}
	return f(ctx, d)
}

// A ReceiptObserver is told of every receipt stored (not of repeated
// deliveries), after it is persisted and before the Nodo gets its answer:
// it must be quick and hand long work off.
type ReceiptObserver func(ctx context.Context, r *Receipt)
