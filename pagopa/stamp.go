package pagopa

import (
	"context"
	"time"

	"github.com/pagokit/pagokit/bollo"
)

// A StampRequest is a @e.bollo stamp the Handler asked for in a
// paGetPaymentV2 answer (a transfer's richiestaMarcaDaBollo). Receipts do
// not repeat the request, so the Handler keeps it to check the MBD that
// paSendRTV2 brings back.
type StampRequest struct {
	Organization string // the ente asked (paGetPaymentV2 qrCode/fiscalCode)
	NoticeNumber string
	TransferID   int    // idTransfer
	IUV          string // creditorReferenceId of the option
	Amount       int64  // transferAmount, euro cents
	HashDocument string // hashDocumento, as sent
	Type         string // tipoBollo, as sent
	Province     string // provinciaResidenza, as sent
	RequestedAt  time.Time
}

// A StampStore keeps stamp requests and the IUBDs used. A Store that
// implements it (MemoryStore and sqlstore.Store do) gives the Handler a
// durable record of what each paGetPaymentV2 asked for; with a Store that
// does not, the Handler checks an MBD against the stamp of the position
// as stored when the receipt arrives.
type StampStore interface {
	// SaveStampRequest stores r. The key is (Organization,
	// NoticeNumber, TransferID, HashDocument): saving a request with
	// the same key again replaces its other fields (the latest
	// paGetPaymentV2 wins).
	SaveStampRequest(ctx context.Context, r *StampRequest) error
	// StampRequests returns the requests for a transfer of a notice,
	// newest first; none is an empty result, not an error.
	StampRequests(ctx context.Context, org, noticeNumber string, transferID int) ([]StampRequest, error)
	// IUBDs returns the registry of the IUBDs used, kept with the
	// store.
	IUBDs() bollo.Registry
}

// ResidentAbroad reports whether the debtor lives outside Italy: Country
// set and not "IT". A stamp request for such a debtor may leave
// ProvincialResidence empty: the Handler sends the province of the
// ente's registered office (Ente.Province), as the @e.bollo rules want.
func (p *Position) ResidentAbroad() bool { return p.Country != "" && p.Country != "IT" }

// stampProvince returns the provinciaResidenza to send for s: its own, or
// for a debtor abroad with none given, the ente's province.
func stampProvince(p *Position, s *Stamp, e *Ente) (string, error) {
	if s.ProvincialResidence != "" {
		return s.ProvincialResidence, nil
	}
	office := ""
	if e != nil {
		office = e.Province
	}
	return bollo.ResidenceProvince(p.Country, "", office)
}
