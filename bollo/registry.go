package bollo

import (
	"context"
	"sync"
	"time"
)

// A Registry records which IUBDs have been used, so that one stamp pays
// for one document only. Use marks iubd as used by receiptID atomically:
// the first Use of an IUBD succeeds, any later one returns a *UsedError
// (ErrIUBDUsed) naming the receipt of the first use. A caller retrying
// the same receipt compares UsedError.ReceiptID with its own.
// Implementations are safe for concurrent use.
type Registry interface {
	Use(ctx context.Context, iubd string, receiptID string) error
}

// A MemoryRegistry is a Registry and a ContrassegnoRegistry held in
// memory, for tests and single processes; it forgets everything when the
// process ends. Package pagopa/sqlstore has one kept in a database.
type MemoryRegistry struct {
	mu           sync.Mutex
	used         map[string]string // IUBD → receipt ID of the first use
	contrassegni map[string]contrassegnoUse
}

type contrassegnoUse struct {
	issuedAt time.Time
	use      string
}

// NewMemoryRegistry returns an empty MemoryRegistry.
func NewMemoryRegistry() *MemoryRegistry {
	return &MemoryRegistry{used: make(map[string]string), contrassegni: make(map[string]contrassegnoUse)}
}

// UseContrassegno marks c as used by use (see ContrassegnoRegistry). An
// invalid c is a *RuleError, an empty use ErrInvalid.
func (r *MemoryRegistry) UseContrassegno(ctx context.Context, c Contrassegno, use string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if use == "" {
		return &RuleError{Err: ErrInvalid, Field: "use", Detail: "empty"}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if first, ok := r.contrassegni[c.ID]; ok {
		return &ContrassegnoUsedError{ID: c.ID, IssuedAt: first.issuedAt, Use: first.use}
	}
	r.contrassegni[c.ID] = contrassegnoUse{issuedAt: c.IssuedAt, use: use}
	return nil
}

// Use marks iubd as used by receiptID, or returns a *UsedError if it was
// used already, or ctx's error if ctx is done. An empty iubd or receiptID
// is ErrInvalid.
func (r *MemoryRegistry) Use(ctx context.Context, iubd, receiptID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if iubd == "" || receiptID == "" {
		return &VerifyError{Err: ErrInvalid, Detail: "empty IUBD or receipt ID"}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if first, ok := r.used[iubd]; ok {
		return &UsedError{IUBD: iubd, ReceiptID: first}
	}
	r.used[iubd] = receiptID
	return nil
}
