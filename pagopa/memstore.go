package pagopa

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pagokit/pagokit/bollo"
)

// MemoryStore is a Store in memory, for tests, simulators and single
// process tools. It forgets everything when the process exits. The zero
// value is ready to use.
type MemoryStore struct {
	mu        sync.Mutex
	positions map[posKey]*Position
	byIUV     map[posKey]string // (org, iuv) → iupd
	receipts  map[posKey]*Receipt
	seqs      map[posKey]uint64
	events    []Event
	stamps    map[stampKey]StampRequest
	iubds     *bollo.MemoryRegistry
}

type stampKey struct {
	org, notice string
	transfer    int
	hash        string
}

type posKey struct{ org, id string }

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (s *MemoryStore) init() {
	if s.positions == nil {
		s.positions = map[posKey]*Position{}
		s.byIUV = map[posKey]string{}
		s.receipts = map[posKey]*Receipt{}
		s.seqs = map[posKey]uint64{}
		s.stamps = map[stampKey]StampRequest{}
		s.iubds = bollo.NewMemoryRegistry()
	}
}

// SaveStampRequest implements StampStore.
func (s *MemoryStore) SaveStampRequest(ctx context.Context, r *StampRequest) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	s.stamps[stampKey{r.Organization, r.NoticeNumber, r.TransferID, r.HashDocument}] = *r
	return nil
}

// StampRequests implements StampStore.
func (s *MemoryStore) StampRequests(ctx context.Context, org, noticeNumber string, transferID int) ([]StampRequest, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var rs []StampRequest
	for k, r := range s.stamps {
		if k.org == org && k.notice == noticeNumber && k.transfer == transferID {
			rs = append(rs, r)
		}
	}
	slices.SortFunc(rs, func(a, b StampRequest) int {
		if c := b.RequestedAt.Compare(a.RequestedAt); c != 0 {
			return c
		}
		return strings.Compare(a.HashDocument, b.HashDocument)
	})
	return rs, nil
}

// IUBDs implements StampStore: a bollo.MemoryRegistry that lives as long
// as the store.
func (s *MemoryStore) IUBDs() bollo.Registry {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	return s.iubds
}

// CreatePosition implements Store.
func (s *MemoryStore) CreatePosition(ctx context.Context, p *Position) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	if _, ok := s.positions[posKey{p.Organization, p.IUPD}]; ok {
		return fmt.Errorf("%w: position %s", ErrExists, p.IUPD)
	}
	for _, o := range p.Options {
		if _, ok := s.byIUV[posKey{p.Organization, o.IUV}]; ok {
			return fmt.Errorf("%w: IUV %s", ErrExists, o.IUV)
		}
	}
	c := p.Clone()
	s.positions[posKey{p.Organization, p.IUPD}] = c
	for _, o := range c.Options {
		s.byIUV[posKey{p.Organization, o.IUV}] = p.IUPD
	}
	return nil
}

// UpdatePosition implements Store.
func (s *MemoryStore) UpdatePosition(ctx context.Context, org, iupd string, fn func(*Position) error) (*Position, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	old, ok := s.positions[posKey{org, iupd}]
	if !ok {
		return nil, fmt.Errorf("%w: position %s", ErrNotFound, iupd)
	}
	p := old.Clone()
	if err := fn(p); err != nil {
		return nil, err
	}
	if p.Organization != org || p.IUPD != iupd {
		return nil, fmt.Errorf("%w: the ente and IUPD of a position cannot change", ErrInconsistent)
	}
	for _, o := range p.Options {
		if other, ok := s.byIUV[posKey{org, o.IUV}]; ok && other != iupd {
			return nil, fmt.Errorf("%w: IUV %s", ErrExists, o.IUV)
		}
	}
	for _, o := range old.Options {
		delete(s.byIUV, posKey{org, o.IUV})
	}
	for _, o := range p.Options {
		s.byIUV[posKey{org, o.IUV}] = iupd
	}
	s.positions[posKey{org, iupd}] = p.Clone()
	return p.Clone(), nil
}

// Position implements Store.
func (s *MemoryStore) Position(ctx context.Context, org, iupd string) (*Position, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.positions[posKey{org, iupd}]
	if !ok {
		return nil, fmt.Errorf("%w: position %s", ErrNotFound, iupd)
	}
	return p.Clone(), nil
}

// PositionByIUV implements Store.
func (s *MemoryStore) PositionByIUV(ctx context.Context, org, iuv string) (*Position, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	iupd, ok := s.byIUV[posKey{org, iuv}]
	if !ok {
		return nil, fmt.Errorf("%w: IUV %s", ErrNotFound, iuv)
	}
	return s.positions[posKey{org, iupd}].Clone(), nil
}

// SaveReceipt implements Store.
func (s *MemoryStore) SaveReceipt(ctx context.Context, r *Receipt) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	k := posKey{r.Organization, r.ReceiptID}
	if _, dup := s.receipts[k]; dup {
		return false, nil
	}
	r.Anomalies = nil
	if iupd, ok := s.byIUV[posKey{r.Organization, r.IUV}]; ok {
		p := s.positions[posKey{r.Organization, iupd}].Clone()
		r.Anomalies = p.ApplyReceipt(r)
		s.positions[posKey{r.Organization, iupd}] = p
	} else {
		r.Anomalies = []Anomaly{UnknownPosition}
		if r.Outcome != "" && r.Outcome != "OK" {
			r.Anomalies = []Anomaly{OutcomeKO}
		}
	}
	s.receipts[k] = cloneReceipt(r)
	return true, nil
}

// Receipt implements Store.
func (s *MemoryStore) Receipt(ctx context.Context, org, receiptID string) (*Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.receipts[posKey{org, receiptID}]
	if !ok {
		return nil, fmt.Errorf("%w: receipt %s", ErrNotFound, receiptID)
	}
	return cloneReceipt(r), nil
}

// NextIUV implements Store.
func (s *MemoryStore) NextIUV(ctx context.Context, org, series string) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	s.seqs[posKey{org, series}]++
	return s.seqs[posKey{org, series}], nil
}

// AppendEvent implements Store.
func (s *MemoryStore) AppendEvent(ctx context.Context, e *Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e.Seq = int64(len(s.events)) + 1
	s.events = append(s.events, *e)
	return nil
}

// Events implements Store.
func (s *MemoryStore) Events(ctx context.Context, after int64, limit int) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if after < 0 {
		after = 0
	}
	if after >= int64(len(s.events)) || limit <= 0 {
		return nil, nil
	}
	end := min(int64(len(s.events)), after+int64(limit))
	return slices.Clone(s.events[after:end]), nil
}

func cloneReceipt(r *Receipt) *Receipt {
	c := *r
	c.Raw = slices.Clone(r.Raw)
	c.Anomalies = slices.Clone(r.Anomalies)
	c.Metadata = slices.Clone(r.Metadata)
	if r.Payer != nil {
		p := *r.Payer
		c.Payer = &p
	}
	if r.Fee != nil {
		v := *r.Fee
		c.Fee = &v
	}
	if r.PrimaryCIIncurredFee != nil {
		v := *r.PrimaryCIIncurredFee
		c.PrimaryCIIncurredFee = &v
	}
	c.Transfers = make([]ReceiptTransfer, len(r.Transfers))
	for i, t := range r.Transfers {
		t.UnverifiedMBD = slices.Clone(t.UnverifiedMBD)
		t.Metadata = slices.Clone(t.Metadata)
		if t.Stamp != nil {
			s := *t.Stamp
			s.Problems = slices.Clone(s.Problems)
			if s.DigestMatches != nil {
				v := *s.DigestMatches
				s.DigestMatches = &v
			}
			t.Stamp = &s
		}
		c.Transfers[i] = t
	}
	return &c
}
