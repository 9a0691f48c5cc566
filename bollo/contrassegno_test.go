package bollo_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/bollo"
)

func TestValidContrassegnoID(t *testing.T) {
	for id, want := range map[string]bool{
		"01180001234567":  true,
		"00000000000000":  true,
		"0118000123456":   false, // 13
		"011800012345678": false, // 15
		"0118000123456a":  false,
		"01180001234 67":  false,
		"０1180001234567":  false, // a full-width digit
		"":                false,
	} {
		if got := bollo.ValidContrassegnoID(id); got != want {
			t.Errorf("ValidContrassegnoID(%q) = %v", id, got)
		}
	}
}

func TestContrassegnoRegistry(t *testing.T) {
	ctx := context.Background()
	r := bollo.NewMemoryRegistry()
	issued := time.Date(2026, 11, 20, 10, 31, 0, 0, time.UTC)
	c := bollo.Contrassegno{ID: "01180001234567", IssuedAt: issued}
	if err := r.UseContrassegno(ctx, c, "istanza 2026/123"); err != nil {
		t.Fatal(err)
	}
	if err := r.UseContrassegno(ctx, bollo.Contrassegno{ID: "01180001234568", IssuedAt: issued}, "istanza 2026/124"); err != nil {
		t.Fatal(err)
	}
	// The same identifier again, even with another time of issue.
	for _, again := range []bollo.Contrassegno{c, {ID: c.ID, IssuedAt: issued.Add(time.Hour)}} {
		err := r.UseContrassegno(ctx, again, "istanza 2026/200")
		var ue *bollo.ContrassegnoUsedError
		if !errors.Is(err, bollo.ErrContrassegnoUsed) || !errors.As(err, &ue) ||
			ue.ID != c.ID || !ue.IssuedAt.Equal(issued) || ue.Use != "istanza 2026/123" {
			t.Errorf("reuse of %+v: %v; want a ContrassegnoUsedError naming the first use", again, err)
		}
	}
	bad := []struct {
		c     bollo.Contrassegno
		use   string
		field string
	}{
		{bollo.Contrassegno{ID: "123", IssuedAt: issued}, "x", "id"},
		{bollo.Contrassegno{ID: "01180001234569"}, "x", "issuedAt"},
		{bollo.Contrassegno{ID: "01180001234569", IssuedAt: issued}, "", "use"},
	}
	for _, b := range bad {
		err := r.UseContrassegno(ctx, b.c, b.use)
		var re *bollo.RuleError
		if !errors.As(err, &re) || re.Field != b.field || !errors.Is(err, bollo.ErrInvalid) {
			t.Errorf("UseContrassegno(%+v, %q) = %v; want ErrInvalid on %s", b.c, b.use, err, b.field)
		}
	}
	// The refused calls recorded nothing.
	if err := r.UseContrassegno(ctx, bollo.Contrassegno{ID: "01180001234569", IssuedAt: issued}, "istanza 2026/125"); err != nil {
		t.Errorf("after refused calls: %v", err)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := r.UseContrassegno(done, bollo.Contrassegno{ID: "01180001234570", IssuedAt: issued}, "x"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// 50 goroutines declare the same contrassegno: one wins.
func TestContrassegnoRegistryRace(t *testing.T) {
	r := bollo.NewMemoryRegistry()
	c := bollo.Contrassegno{ID: "01180001234567", IssuedAt: time.Date(2026, 11, 20, 10, 31, 0, 0, time.UTC)}
	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = r.UseContrassegno(context.Background(), c, fmt.Sprint("use-", i)) })
	}
	wg.Wait()
	winner := ""
	for i, err := range errs {
		if err == nil {
			if winner != "" {
				t.Fatalf("two winners: %s and use-%d", winner, i)
			}
			winner = fmt.Sprint("use-", i)
		}
	}
	if winner == "" {
		t.Fatal("no winner")
	}
	for _, err := range errs {
		var ue *bollo.ContrassegnoUsedError
		if err != nil && (!errors.As(err, &ue) || ue.Use != winner) {
			t.Errorf("loser: %v; want a ContrassegnoUsedError naming %s", err, winner)
		}
	}
}
