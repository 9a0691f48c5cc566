package bollo

import (
	"context"
	"errors"
	"sync"
	"testing"
)

func TestMemoryRegistry(t *testing.T) {
	ctx := context.Background()
	r := NewMemoryRegistry()
	wantErr(t, r.Use(ctx, "01240002186093", "receipt-1"), nil)
	wantErr(t, r.Use(ctx, "01240002186094", "receipt-2"), nil)
	err := r.Use(ctx, "01240002186093", "receipt-3")
	var ue *UsedError
	if !errors.Is(err, ErrIUBDUsed) || !errors.As(err, &ue) || ue.ReceiptID != "receipt-1" || ue.IUBD != "01240002186093" {
		t.Fatalf("second Use: %v; want a *UsedError naming receipt-1", err)
	}
	// The same receipt again is a second use too; it names itself.
	err = r.Use(ctx, "01240002186094", "receipt-2")
	if !errors.As(err, &ue) || ue.ReceiptID != "receipt-2" {
		t.Errorf("repeated Use: %v; want a *UsedError naming receipt-2", err)
	}
	wantErr(t, r.Use(ctx, "", "receipt-4"), ErrInvalid)
	wantErr(t, r.Use(ctx, "x", ""), ErrInvalid)
	done, cancel := context.WithCancel(ctx)
	cancel()
	wantErr(t, r.Use(done, "01240002186095", "receipt-5"), context.Canceled)
	wantErr(t, r.Use(ctx, "01240002186095", "receipt-6"), nil)
}

// 100 goroutines race to use one IUBD: exactly one wins, the others are
// told who did.
func TestMemoryRegistryRace(t *testing.T) {
	r := NewMemoryRegistry()
	const n = 100
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = r.Use(context.Background(), "01240002186093", "receipt-"+string(rune('A'+i%26))+string(rune('0'+i/26)))
		}()
	}
	close(start)
	wg.Wait()
	var ok, used int
	winner := ""
	for i, err := range errs {
		var ue *UsedError
		switch {
		case err == nil:
			ok++
			winner = "receipt-" + string(rune('A'+i%26)) + string(rune('0'+i/26))
		case errors.As(err, &ue):
			used++
		}
	}
	if ok != 1 || used != n-1 {
		t.Fatalf("%d succeeded, %d ErrIUBDUsed; want 1 and %d", ok, used, n-1)
	}
	for _, err := range errs {
		var ue *UsedError
		if errors.As(err, &ue) && ue.ReceiptID != winner {
			t.Fatalf("UsedError names %q; want the winner %q", ue.ReceiptID, winner)
		}
	}
}
