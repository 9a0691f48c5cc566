package notice

import (
	"context"
	"errors"
	"sync"
	"testing"
)

func TestGeneratorConcurrent(t *testing.T) {
	g := &Generator{AuxDigit: 3, SegregationCode: "02"}
	const workers, each = 8, 500
	var mu sync.Mutex
	seen := make(map[string]bool)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				n, err := g.Next(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen[n.String()] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != workers*each {
		t.Fatalf("%d distinct numbers, want %d", len(seen), workers*each)
	}
	// The bases are exactly 1..4000: the sequence neither skipped nor repeated.
	for i := 1; i <= workers*each; i++ {
		n, _ := Build(Parts{AuxDigit: 3, SegregationCode: "02", Base: leftPad(i, 13)})
		if !seen[n.String()] {
			t.Fatalf("base %d was not issued", i)
		}
	}
}

func leftPad(v, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b)
}

func TestGeneratorAuxDigits(t *testing.T) {
	for _, tt := range []struct {
		g    *Generator
		last uint64
		want string
	}{
		{&Generator{AuxDigit: 3, SegregationCode: "02"}, 0, "302000000000000184"},
		{&Generator{AuxDigit: 0, ApplicationCode: "01"}, 12344, "001000000001234516"},
		{&Generator{AuxDigit: 2}, 0, "200000000000000103"},
		{&Generator{AuxDigit: 1}, 23456789012345677, "123456789012345678"},
	} {
		tt.g.Sequence = NewMemorySequence(tt.last)
		n, err := tt.g.Next(context.Background())
		if err != nil || n.String() != tt.want {
			t.Errorf("Generator{aux %d}.Next() = %s, %v; want %s", tt.g.AuxDigit, n, err, tt.want)
		}
	}
}

func TestGeneratorErrors(t *testing.T) {
	ctx := context.Background()
	// 10^13 does not fit a 13-digit base.
	g := &Generator{AuxDigit: 3, SegregationCode: "02", Sequence: NewMemorySequence(9_999_999_999_999)}
	if _, err := g.Next(ctx); !errors.Is(err, ErrSequence) {
		t.Errorf("exhausted base: %v, want ErrSequence", err)
	}
	seq := NewMemorySequence(0)
	g = &Generator{AuxDigit: 3, Sequence: seq}
	if _, err := g.Next(ctx); !errors.Is(err, ErrMissing) {
		t.Errorf("missing segregation code: %v, want ErrMissing", err)
	}
	g = &Generator{AuxDigit: 5, Sequence: seq}
	if _, err := g.Next(ctx); !errors.Is(err, ErrAuxDigit) {
		t.Errorf("aux digit 5: %v, want ErrAuxDigit", err)
	}
	if v, _ := seq.Next(ctx); v != 1 {
		t.Errorf("misconfigured generators drew from the sequence: next value %d, want 1", v)
	}
	boom := errors.New("database down")
	g = &Generator{AuxDigit: 3, SegregationCode: "02", Sequence: failing{boom}}
	if _, err := g.Next(ctx); !errors.Is(err, boom) || !errors.Is(err, ErrSequence) {
		t.Errorf("failing sequence: %v, want both ErrSequence and the cause", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	g = &Generator{AuxDigit: 3, SegregationCode: "02"}
	if _, err := g.Next(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	s := NewMemorySequence(^uint64(0))
	if _, err := s.Next(ctx); !errors.Is(err, ErrSequence) {
		t.Errorf("uint64 overflow: %v", err)
	}
}

type failing struct{ err error }

func (f failing) Next(context.Context) (uint64, error) { return 0, f.err }
