package pagopatest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// Nodo is a client that calls a paForNode endpoint as the pagoPA Nodo
// does. Set the exported fields before the first call; a Nodo is then safe
// for concurrent use.
type Nodo struct {
	// URL of the endpoint, e.g. "http://127.0.0.1:8081/pagopa/paForNode".
	URL string
	// BrokerID and StationID are sent as idBrokerPA and idStation.
	BrokerID  string
	StationID string
	// PSP is the payment service provider written in receipts.
	PSP PSP
	// HTTPClient defaults to http.DefaultClient.
	HTTPClient *http.Client
	// Now defaults to time.Now.
	Now func() time.Time
	// Timeout bounds verification, activation and demand (default 7 s,
	// the Nodo's); ReceiptTimeout bounds a receipt delivery (default 15 s).
	Timeout, ReceiptTimeout time.Duration
	// Stamps, when set, signs the MBD of every @e.bollo stamp transfer a
	// receipt carries without one in ReceiptOptions.MBD, for the hash
	// and amount the endpoint asked for, bought at the payment time.
	// Without it such a transfer gets a placeholder, not a valid stamp.
	Stamps *StampIssuer

	seq atomic.Uint64
}

// PSP describes the payment service provider of the simulated payments.
type PSP struct {
	ID, FiscalCode, VATNumber, CompanyName string
	ChannelID, ChannelDescription          string
	PaymentMethod                          string
	Fee                                    int64 // euro cents
}

// DefaultPSP is used when Nodo.PSP is empty.
var DefaultPSP = PSP{
	ID: "PAGOKITPSP", FiscalCode: "00000000000", CompanyName: "pagokit PSP di prova",
	ChannelID: "PAGOKITPSP_01", ChannelDescription: "app", PaymentMethod: "creditCard", Fee: 100,
}

// Fault is a KO answer of the endpoint. Calls return it as their error.
type Fault struct {
	Code, String, ID, Description string
}

// Error returns the fault code, string and description.
func (f *Fault) Error() string {
	return fmt.Sprintf("pagopatest: KO %s: %s (%s)", f.Code, f.String, f.Description)
}

// IsFault reports whether err is a *Fault with the given code.
func IsFault(err error, code string) bool {
	var f *Fault
	return errors.As(err, &f) && f.Code == code
}

func (n *Nodo) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func (n *Nodo) psp() PSP {
	if n.PSP.ID == "" {
		return DefaultPSP
	}
	return n.PSP
}

func (n *Nodo) header(fiscalCode string) soap.Header {
	return soap.Header{IDPA: fiscalCode, IDBrokerPA: n.BrokerID, IDStation: n.StationID}
}

// call posts req and decodes the answer, turning KO into *Fault.
func (n *Nodo) call(ctx context.Context, req *soap.Request) (any, error) {
	var body bytes.Buffer
	if err := soap.WriteRequest(&body, req); err != nil {
		return nil, err
	}
	resp, err := n.post(ctx, req.Op, body.Bytes())
	if err != nil {
		return nil, err
	}
	return resp, faultOf(resp)
}

func (n *Nodo) post(ctx context.Context, op soap.Operation, body []byte) (any, error) {
	timeout := n.Timeout
	if timeout == 0 {
		timeout = 7 * time.Second
	}
	if op == soap.OpSendRT || op == soap.OpSendRTV2 {
		timeout = n.ReceiptTimeout
		if timeout == 0 {
			timeout = 15 * time.Second
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, n.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "text/xml; charset=utf-8")
	hr.Header.Set("SOAPAction", strconv.Quote(string(op)))
	client := n.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("pagopatest: %s: %w", op, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
		return nil, fmt.Errorf("pagopatest: %s: HTTP %d (the Nodo wants 200 also for KO)", op, res.StatusCode)
	}
	resp, err := soap.DecodeResponse(res.Body, op, soap.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("pagopatest: %s: invalid response: %w", op, err)
	}
	return resp, nil
}

func faultOf(resp any) error {
	var outcome string
	var f *soap.Fault
	switch r := resp.(type) {
	case *soap.VerifyRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.GetPaymentRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.SendRTRes:
		outcome, f = r.Outcome, r.Fault
	case *soap.DemandRes:
		outcome, f = r.Outcome, r.Fault
	}
	if outcome == "OK" {
		return nil
	}
	if f == nil {
		return &Fault{Code: "PPT_STAZIONE_INT_PA_ERRORE_RESPONSE", String: "outcome " + outcome + " without fault"}
	}
	return &Fault{Code: f.Code, String: f.String, ID: f.ID, Description: f.Description}
}

// newToken returns a fresh payment token (the receiptId of the receipt).
func (n *Nodo) newToken() string {
	return fmt.Sprintf("pagokit%d%06d", n.now().UnixMilli(), n.seq.Add(1))
}
