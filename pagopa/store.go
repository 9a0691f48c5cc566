package pagopa

import (
	"context"
	"time"
)

// A Store keeps debt positions, receipts, IUV sequences and the event
// journal. Implementations must be safe for concurrent use, also by
// several processes sharing one database: SaveReceipt stores a receipt at
// most once, and NextIUV never returns the same value twice for a series.
//
// The SDK ships MemoryStore and, in package sqlstore, a database/sql
// store for SQLite and PostgreSQL.
type Store interface {
	// CreatePosition stores a new position. It fails with ErrExists when
	// the ente already has the IUPD or one of the IUVs. Times are kept to
	// the microsecond.
	CreatePosition(ctx context.Context, p *Position) error
	// UpdatePosition loads a position, passes a copy to fn and stores
	// what fn leaves, atomically with respect to other updates and
	// receipts. An error from fn aborts the update and is returned. fn
	// may run more than once (SQL stores retry on conflicts) and must
	// only change the position it gets. Changing its ente or IUPD fails
	// with ErrInconsistent.
	UpdatePosition(ctx context.Context, org, iupd string, fn func(*Position) error) (*Position, error)
	// Position returns a copy of a position, or ErrNotFound.
	Position(ctx context.Context, org, iupd string) (*Position, error)
	// PositionByIUV returns the position holding the option with the
	// IUV, or ErrNotFound.
	PositionByIUV(ctx context.Context, org, iuv string) (*Position, error)

	// SaveReceipt stores r and applies it to its position (see
	// Position.ApplyReceipt), in one transaction, recording the
	// anomalies in r.Anomalies. A receipt whose (Organization,
	// ReceiptID) is already stored is not stored again: SaveReceipt
	// returns false and nil.
	SaveReceipt(ctx context.Context, r *Receipt) (stored bool, err error)
	// Receipt returns a stored receipt, or ErrNotFound.
	Receipt(ctx context.Context, org, receiptID string) (*Receipt, error)

	// NextIUV returns the next value of the IUV sequence of an ente and
	// series (a segregation or application code), starting at 1.
	NextIUV(ctx context.Context, org, series string) (uint64, error)

	// AppendEvent adds e to the journal, setting e.Seq.
	AppendEvent(ctx context.Context, e *Event) error
	// Events returns up to limit events with Seq greater than after, in
	// order.
	Events(ctx context.Context, after int64, limit int) ([]Event, error)
}

// An Event is an entry of the journal: what changed, when and for which
// position or receipt. It holds identifiers, not personal data.
type Event struct {
	Seq          int64
	Time         time.Time
	Kind         EventKind
	Organization string
	IUPD         string
	IUV          string
	NoticeNumber string
	ReceiptID    string
	Detail       string
}

// EventKind names what an Event records.
type EventKind string

// The event kinds.
const (
	EventPositionCreated EventKind = "position_created"
	EventPositionUpdated EventKind = "position_updated"
	EventReceipt         EventKind = "receipt"
	EventReceiptAnomaly  EventKind = "receipt_anomaly"
	EventDemand          EventKind = "demand"
	// EventStampInvalid: a @e.bollo stamp of a new receipt failed its
	// check (Detail names the transfer and the first failed check).
	EventStampInvalid EventKind = "stamp_invalid"
)

// Sequence adapts a Store's IUV sequence to notice.Sequence, for a
// notice.Generator issuing the ente's numbers.
type Sequence struct {
	Store        Store
	Organization string
	Series       string
}

// Next returns the next IUV base.
func (s Sequence) Next(ctx context.Context) (uint64, error) {
	return s.Store.NextIUV(ctx, s.Organization, s.Series)
}
