package pagopa

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/pagokit/pagokit/bollo"
)

// A StampPolicy says how the Handler checks the @e.bollo MBDs that
// paSendRTV2 receipts carry (see WithStampPolicy).
type StampPolicy struct {
	// Trust holds the signer trust (Certificates, Roots, Intermediates,
	// CRLs), the verification time (At; zero means each MBD's
	// OraAcquisto) and AllowUntrusted. Its Expected fields are ignored:
	// the Handler sets them for each transfer from the stamp request
	// sent with paGetPaymentV2. With no trust configured every MBD fails
	// with bollo.ErrUntrusted: the signer of an MBD must be known.
	Trust bollo.Policy
	// Registry records the IUBDs used, so that one stamp pays for one
	// document. When nil the Handler uses the Store's (StampStore.IUBDs),
	// or one in memory for its own lifetime if the Store has none.
	Registry bollo.Registry
}

// WithStampPolicy sets how the MBDs of paSendRTV2 receipts are checked.
// Without it every MBD is checked with no trusted signer, so none is
// valid.
func WithStampPolicy(p StampPolicy) HandlerOption {
	return func(o *handlerOptions) { o.stamps = p }
}

// WithStampObserver adds an observer of the stamp checks of new
// receipts.
func WithStampObserver(f StampObserver) HandlerOption {
	return func(o *handlerOptions) { o.stampObservers = append(o.stampObservers, f) }
}

// A StampObserver is told of every stamp checked in a new receipt (not
// in repeated deliveries), after the receipt is persisted and before the
// Nodo gets its answer: it must be quick and hand long work off. An
// invalid stamp never makes the Handler refuse the receipt (the payment
// happened): the observer is where an ente raises the alarm.
type StampObserver func(ctx context.Context, e StampEvent)

// A StampEvent is the check of one stamp of a new receipt.
type StampEvent struct {
	Receipt  *Receipt
	Transfer *ReceiptTransfer // the stamp transfer; Transfer.Stamp is the outcome
	// Err is nil when the stamp is valid, otherwise the first failed
	// check: a *bollo.ParseError, a *bollo.VerifyError, a
	// *bollo.UsedError or ErrNoStampRequest.
	Err error
}

// ErrNoStampRequest reports that a receipt carries an MBD for a transfer no stamp
// was requested for.
var ErrNoStampRequest = errors.New("pagopa: no stamp request for this transfer")

// A StampCheck is the outcome of the check of a receipt transfer's MBD,
// stored with the receipt.
type StampCheck struct {
	// Valid: the signature verifies, the signer is trusted, the MBD is
	// bound to the requested document hash, amount and type, and its
	// IUBD was not used before.
	Valid          bool  `json:"valid"`
	SignatureValid bool  `json:"signatureValid"`
	SignerTrusted  bool  `json:"signerTrusted"`
	DigestMatches  *bool `json:"digestMatches,omitempty"`
	// HashDocument is the requested hash the MBD was checked against.
	HashDocument string `json:"hashDocument,omitempty"`
	// IUBD, PSPFiscalCode, PurchasedAt and Amount are read from the
	// signed content; empty when the signature did not verify.
	IUBD          string    `json:"iubd,omitempty"`
	PSPFiscalCode string    `json:"pspFiscalCode,omitempty"`
	PurchasedAt   time.Time `json:"purchasedAt,omitzero"`
	Amount        int64     `json:"amount,omitempty"` // euro cents
	// Problems lists every failed check.
	Problems  []string  `json:"problems,omitempty"`
	CheckedAt time.Time `json:"checkedAt"`
}

// checkStamps checks the MBD of every transfer of r that carries one and
// records the outcome in the transfer; it returns the first failed
// check of each transfer, by index. Only infrastructure failures (the
// store, the registry) are returned as an error: the Nodo then retries.
func (h *Handler) checkStamps(ctx context.Context, r *Receipt) (map[int]error, error) {
	var fails map[int]error
	for i := range r.Transfers {
		t := &r.Transfers[i]
		if len(t.UnverifiedMBD) == 0 {
			continue
		}
		out, err := h.checkStamp(ctx, r, t)
		if err != nil {
			return nil, err
		}
		t.Stamp = out.check
		if out.first != nil {
			if fails == nil {
				fails = map[int]error{}
			}
			fails[i] = out.first
		}
	}
	return fails, nil
}

// A stampOutcome is the check of one MBD and its first failure.
type stampOutcome struct {
	check *StampCheck
	first error
}

func (h *Handler) checkStamp(ctx context.Context, r *Receipt, t *ReceiptTransfer) (stampOutcome, error) {
	reqs, err := h.stampRequests(ctx, r, t.ID)
	if err != nil {
		return stampOutcome{}, err
	}
	chk := &StampCheck{CheckedAt: h.o.now()}
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
		}
		chk.Problems = append(chk.Problems, err.Error())
	}
	pol := h.o.stamps.Trust
	pol.ExpectedHash, pol.ExpectedAmountCents, pol.ExpectedType = "", 0, bollo.TypeStamp
	var res *bollo.Result
	var verr error
	if len(reqs) == 0 {
		fail(ErrNoStampRequest)
		res, verr = bollo.Verify(t.UnverifiedMBD, pol)
	}
	// The newest request first; an older one only if the document hash
	// does not match the newer (the document changed between two
	// paGetPaymentV2 calls).
	for _, rq := range reqs {
		pol.ExpectedHash, pol.ExpectedAmountCents = rq.HashDocument, rq.Amount
		rr, rerr := bollo.Verify(t.UnverifiedMBD, pol)
		if res == nil || (rr != nil && rr.DigestMatches != nil && *rr.DigestMatches) {
			res, verr = rr, rerr
			chk.HashDocument = rq.HashDocument
		}
		if rr == nil || rr.DigestMatches == nil || *rr.DigestMatches {
			break
		}
	}
	if res != nil {
		chk.SignatureValid, chk.SignerTrusted, chk.DigestMatches = res.SignatureValid, res.SignerTrusted, res.DigestMatches
		if m := res.MBD; m != nil {
			chk.IUBD, chk.PSPFiscalCode, chk.PurchasedAt, chk.Amount = m.IUBD, m.PSPFiscalCode, m.PurchasedAt, m.AmountCents
		}
	}
	if verr != nil {
		if first == nil {
			first = verr
		}
		if res != nil && len(res.Problems) > 0 {
			chk.Problems = append(chk.Problems, res.Problems...)
		} else {
			chk.Problems = append(chk.Problems, verr.Error())
		}
	}
	if first == nil {
		// Only a stamp valid in every other respect is recorded as used.
		use := r.Organization + "/" + r.ReceiptID + "/" + strconv.Itoa(t.ID)
		err := h.stampRegistry().Use(ctx, chk.IUBD, use)
		var ue *bollo.UsedError
		switch {
		case errors.As(err, &ue) && ue.ReceiptID == use:
			// A repeated delivery of this receipt.
		case errors.As(err, &ue):
			fail(err)
		case err != nil:
			return stampOutcome{}, err
		}
	}
	chk.Valid = first == nil
	return stampOutcome{chk, first}, nil
}

// stampRequests returns the stamp requests for a transfer of r: the ones
// saved at paGetPaymentV2 when the Store is a StampStore, otherwise the
// stamp of the position as stored now.
func (h *Handler) stampRequests(ctx context.Context, r *Receipt, transferID int) ([]StampRequest, error) {
	if ss, ok := h.store.(StampStore); ok {
		rs, err := ss.StampRequests(ctx, r.Organization, r.NoticeNumber, transferID)
		if err != nil || len(rs) > 0 {
			return rs, err
		}
	}
	p, err := h.store.PositionByIUV(ctx, r.Organization, r.IUV)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	o := p.Option(r.IUV)
	if o == nil {
		return nil, nil
	}
	for _, t := range o.Transfers {
		if t.ID == transferID && t.Stamp != nil {
			return []StampRequest{{
				Organization: r.Organization, NoticeNumber: r.NoticeNumber, TransferID: t.ID, IUV: r.IUV,
				Amount: t.Amount, HashDocument: t.Stamp.HashDocument, Type: t.Stamp.Type, Province: t.Stamp.ProvincialResidence,
			}}, nil
		}
	}
	return nil, nil
}

// saveStampRequests keeps the stamp requests of a paGetPaymentV2 answer,
// when the Store can.
func (h *Handler) saveStampRequests(ctx context.Context, rs []StampRequest) error {
	ss, ok := h.store.(StampStore)
	if !ok {
		return nil
	}
	for i := range rs {
		if err := ss.SaveStampRequest(ctx, &rs[i]); err != nil {
			return err
		}
	}
	return nil
}

// stampRegistry returns the registry of used IUBDs.
func (h *Handler) stampRegistry() bollo.Registry {
	return h.o.stamps.Registry
}

// stampEvents journals the invalid stamps of a new receipt and tells the
// stamp observers of every stamp checked.
func (h *Handler) stampEvents(ctx context.Context, r *Receipt, fails map[int]error) {
	for i := range r.Transfers {
		t := &r.Transfers[i]
		if t.Stamp == nil {
			continue
		}
		err := fails[i]
		if err != nil {
			ev := Event{Time: r.ReceivedAt, Kind: EventStampInvalid, Organization: r.Organization, IUV: r.IUV,
				NoticeNumber: r.NoticeNumber, ReceiptID: r.ReceiptID,
				Detail: "transfer " + strconv.Itoa(t.ID) + ": " + err.Error()}
			if jerr := h.store.AppendEvent(ctx, &ev); jerr != nil {
				h.o.logger.Error("pagopa: journal", "err", jerr, "receiptId", r.ReceiptID)
			}
			h.o.logger.Warn("pagopa: invalid @e.bollo stamp", "receiptId", r.ReceiptID, "idTransfer", t.ID, "err", err)
		}
		for _, ob := range h.o.stampObservers {
			ob(ctx, StampEvent{Receipt: r, Transfer: t, Err: err})
		}
	}
}
