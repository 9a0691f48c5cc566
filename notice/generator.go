package notice

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// A Sequence hands out IUV bases as increasing integers. Next must never
// return the same value twice for the same generator configuration, also
// across restarts and across processes that share it: a repeated IUV base
// is a repeated notice number. Implementations must be safe for
// concurrent use.
//
// MemorySequence satisfies the interface for tests and single-process
// tools; production needs a persistent sequence (a database sequence per
// ente and segregation code).
type Sequence interface {
	Next(ctx context.Context) (uint64, error)
}

// MemorySequence is an in-memory Sequence, safe for concurrent use. It
// forgets its position when the process exits, so it is not suitable for
// issuing real notice numbers unless seeded past every value already used.
type MemorySequence struct {
	last atomic.Uint64
}

// NewMemorySequence returns a MemorySequence whose first value is last+1.
func NewMemorySequence(last uint64) *MemorySequence {
	s := new(MemorySequence)
	s.last.Store(last)
	return s
}

// Next returns the next value. It fails with ErrSequence once the uint64
// range is exhausted and when ctx is done.
func (s *MemorySequence) Next(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for {
		last := s.last.Load()
		if last == ^uint64(0) {
			return 0, ErrSequence
		}
		if s.last.CompareAndSwap(last, last+1) {
			return last + 1, nil
		}
	}
}

// Generator issues notice numbers for one station configuration: an aux
// digit with its application code (aux 0) or segregation code (aux 3). The
// IUV base of each number is the next value of Sequence, zero-padded to
// the base length of the aux digit (13 digits for aux 0 and 3).
//
// Configure a Generator with a struct literal and do not change it after
// the first call to Next. A Generator is safe for concurrent use.
type Generator struct {
	// AuxDigit is the station's aux digit: 0, 1, 2 or 3.
	AuxDigit int
	// ApplicationCode is the 2-digit application code (aux digit 0 only).
	ApplicationCode string
	// SegregationCode is the 2-digit segregation code (aux digit 3 only).
	SegregationCode string
	// Sequence supplies the IUV bases. If nil, the Generator uses its own
	// MemorySequence starting at 1, which is only suitable for tests.
	Sequence Sequence

	once sync.Once
	mem  *MemorySequence
}

// Next returns a new notice number. A Generator whose configuration is
// invalid fails without drawing from its Sequence.
func (g *Generator) Next(ctx context.Context) (Number, error) {
	width := baseLen(g.AuxDigit)
	if _, err := Build(Parts{
		AuxDigit:        g.AuxDigit,
		ApplicationCode: g.ApplicationCode,
		SegregationCode: g.SegregationCode,
		Base:            zeros[:width],
	}); err != nil {
		return Number{}, err
	}
	seq := g.Sequence
	if seq == nil {
		g.once.Do(func() { g.mem = NewMemorySequence(0) })
		seq = g.mem
	}
	v, err := seq.Next(ctx)
	if err != nil {
		return Number{}, fmt.Errorf("%w: %w", ErrSequence, err)
	}
	base := strconv.FormatUint(v, 10)
	if len(base) > width {
		return Number{}, fieldErr("iuv_base", base, ErrSequence)
	}
	base = zeros[:width-len(base)] + base
	return Build(Parts{
		AuxDigit:        g.AuxDigit,
		ApplicationCode: g.ApplicationCode,
		SegregationCode: g.SegregationCode,
		Base:            base,
	})
}

const zeros = "00000000000000000000"
