package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/pagopa"
)

// A concurrency test: goroutine i calls the store pick(i), so that
// RunShared can spread the calls over two stores.
type concurrentTest struct {
	name string
	run  func(t *testing.T, pick func(i int) pagopa.Store)
}

var concurrentTests = []concurrentTest{
	{"SameReceipt", testConcurrentSameReceipt},
	{"NextIUV", testConcurrentNextIUV},
	{"UpdatePosition", testConcurrentUpdate},
	{"CreateSameIUPD", testConcurrentCreateSameIUPD},
	{"CreateSameIUV", testConcurrentCreateSameIUV},
	{"Instalments", testConcurrentInstalments},
	{"AppendEvent", testConcurrentAppendEvent},
}

// parallel runs f(0) … f(n-1) in n goroutines released at once, and
// waits for them.
func parallel(n int, f func(i int)) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f(i)
		}()
	}
	close(start)
	wg.Wait()
}

func testConcurrentSameReceipt(t *testing.T, pick func(int) pagopa.Store) {
	const n = 1000
	s := pick(0)
	p := position(org, "A", iuv(1))
	mustCreate(t, s, p)
	var mu sync.Mutex
	stored := 0
	var errs []error
	parallel(n, func(i int) {
		// Each delivery has its own Receipt value, as each request of
		// the Nodo does.
		ok, err := pick(i).SaveReceipt(t.Context(), receipt(org, "R1", iuv(1), 12050))
		mu.Lock()
		defer mu.Unlock()
		if ok {
			stored++
		}
		if err != nil {
			errs = append(errs, err)
		}
	})
	if stored != 1 || len(errs) != 0 {
		t.Fatalf("%d deliveries of one receipt: %d stored, errors %v; want 1 stored and no error", n, stored, errors.Join(errs...))
	}
	r := mustReceipt(t, s, org, "R1")
	if len(r.Anomalies) != 0 {
		t.Errorf("stored receipt has anomalies %v; want none (was it applied twice?)", r.Anomalies)
	}
	want := p.Clone()
	want.ApplyReceipt(r)
	checkPosition(t, s, want)
	if got := mustPosition(t, pick(1), org, "A"); got.Status != pagopa.Paid || len(got.Options) != 1 || got.Options[0].ReceiptID != "R1" {
		t.Errorf("position is %s, paid by %q; want PAID by R1", got.Status, got.Options[0].ReceiptID)
	}
}

func testConcurrentNextIUV(t *testing.T, pick func(int) pagopa.Store) {
	const n = 200
	var mu sync.Mutex
	var got []uint64
	var errs []error
	parallel(n, func(i int) {
		v, err := pick(i).NextIUV(t.Context(), org, "02")
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		got = append(got, v)
	})
	if len(errs) != 0 {
		t.Fatalf("NextIUV: %v", errors.Join(errs...))
	}
	slices.Sort(got)
	want := make([]uint64, n)
	for i := range want {
		want[i] = uint64(i + 1)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%d concurrent NextIUV calls returned (-want +got):\n%s", n, diff)
	}
	if v, err := pick(0).NextIUV(t.Context(), org, "03"); v != 1 || err != nil {
		t.Errorf("NextIUV of another series = %d, %v; want 1", v, err)
	}
}

func testConcurrentUpdate(t *testing.T, pick func(int) pagopa.Store) {
	const n = 100
	p := position(org, "A", iuv(1), iuv(2))
	mustCreate(t, pick(0), p)
	var mu sync.Mutex
	var errs []error
	parallel(n, func(i int) {
		_, err := pick(i).UpdatePosition(t.Context(), org, "A", func(p *pagopa.Position) error {
			o := &p.Options[0]
			o.Metadata = append(o.Metadata, pagopa.MapEntry{Key: fmt.Sprintf("k%03d", i), Value: fmt.Sprint(i)})
			o.NotificationFee++
			return nil
		})
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	})
	if len(errs) != 0 {
		t.Fatalf("UpdatePosition: %v", errors.Join(errs...))
	}
	got := mustPosition(t, pick(1), org, "A")
	if len(got.Options) != 2 {
		t.Fatalf("position has %d options after the updates; want 2", len(got.Options))
	}
	o := got.Options[0]
	keys := make([]string, len(o.Metadata))
	for i, m := range o.Metadata {
		keys[i] = m.Key
	}
	slices.Sort(keys)
	wantKeys := make([]string, n)
	for i := range wantKeys {
		wantKeys[i] = fmt.Sprintf("k%03d", i)
	}
	if diff := cmp.Diff(wantKeys, keys); diff != "" {
		t.Errorf("metadata after %d concurrent updates (-want +got):\n%s", n, diff)
	}
	if o.NotificationFee != n {
		t.Errorf("counter after %d concurrent increments = %d; want %d", n, o.NotificationFee, n)
	}
}

func testConcurrentCreateSameIUPD(t *testing.T, pick func(int) pagopa.Store) {
	const n = 50
	results := make([]error, n)
	parallel(n, func(i int) {
		results[i] = pick(i).CreatePosition(t.Context(), position(org, "A", iuv(100+i)))
	})
	winner := checkOneCreated(t, results)
	if winner < 0 {
		return
	}
	checkPosition(t, pick(1), position(org, "A", iuv(100+winner)))
	for i := range n {
		want := ""
		if i == winner {
			want = "A"
		}
		checkByIUV(t, pick(i), org, iuv(100+i), want)
	}
}

func testConcurrentCreateSameIUV(t *testing.T, pick func(int) pagopa.Store) {
	const n = 50
	results := make([]error, n)
	parallel(n, func(i int) {
		results[i] = pick(i).CreatePosition(t.Context(), position(org, fmt.Sprintf("P%02d", i), iuv(100+i), iuv(1)))
	})
	winner := checkOneCreated(t, results)
	if winner < 0 {
		return
	}
	checkByIUV(t, pick(0), org, iuv(1), fmt.Sprintf("P%02d", winner))
	for i := range n {
		if i == winner {
			continue
		}
		if _, err := pick(i).Position(t.Context(), org, fmt.Sprintf("P%02d", i)); !errors.Is(err, pagopa.ErrNotFound) {
			t.Errorf("Position(P%02d) of a rejected create = %v; want ErrNotFound", i, err)
		}
		checkByIUV(t, pick(i), org, iuv(100+i), "")
	}
}

// checkOneCreated checks that exactly one create succeeded and the others
// failed with ErrExists, and returns the winner (-1 if none).
func checkOneCreated(t *testing.T, results []error) int {
	t.Helper()
	winner := -1
	for i, err := range results {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("creates %d and %d both succeeded", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, pagopa.ErrExists):
			t.Errorf("create %d: %v; want nil or ErrExists", i, err)
		}
	}
	if winner < 0 {
		t.Errorf("no create succeeded")
	}
	return winner
}

func testConcurrentInstalments(t *testing.T, pick func(int) pagopa.Store) {
	const n = 10
	var iuvs []string
	for i := range n {
		iuvs = append(iuvs, iuv(i+1))
	}
	p := position(org, "A", iuvs...)
	mustCreate(t, pick(0), p)
	var mu sync.Mutex
	var errs []error
	parallel(n, func(i int) {
		r := receipt(org, fmt.Sprintf("R%02d", i), iuvs[i], p.Options[i].Amount)
		ok, err := pick(i).SaveReceipt(t.Context(), r)
		if err == nil && (!ok || len(r.Anomalies) != 0) {
			err = fmt.Errorf("SaveReceipt(R%02d) = %v with anomalies %v; want true and none", i, ok, r.Anomalies)
		}
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	})
	if len(errs) != 0 {
		t.Fatalf("receipts for every instalment at once: %v", errors.Join(errs...))
	}
	got := mustPosition(t, pick(1), org, "A")
	if got.Status != pagopa.Paid {
		t.Errorf("position is %s after every instalment was paid; want PAID", got.Status)
	}
	for i, o := range got.Options {
		if o.Status != pagopa.OptionPaid || o.ReceiptID != fmt.Sprintf("R%02d", i) {
			t.Errorf("instalment %d is %s paid by %q; want PO_PAID by R%02d", i, o.Status, o.ReceiptID, i)
		}
	}
}

func testConcurrentAppendEvent(t *testing.T, pick func(int) pagopa.Store) {
	const n = 100
	seqs := make([]int64, n)
	errs := make([]error, n)
	parallel(n, func(i int) {
		e := pagopa.Event{Kind: pagopa.EventDemand, Organization: org, Detail: fmt.Sprint(i)}
		errs[i] = pick(i).AppendEvent(t.Context(), &e)
		seqs[i] = e.Seq
	})
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("AppendEvent: %v", err)
	}
	got, err := pick(1).Events(t.Context(), 0, 2*n)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("Events returned %d events; want %d", len(got), n)
	}
	bySeq := map[int64]string{}
	for i, s := range seqs {
		bySeq[s] = fmt.Sprint(i)
	}
	if len(bySeq) != n {
		t.Errorf("AppendEvent set %d distinct Seq values for %d events", len(bySeq), n)
	}
	for i, e := range got {
		if i > 0 && e.Seq <= got[i-1].Seq {
			t.Errorf("Events out of order: %d after %d", e.Seq, got[i-1].Seq)
		}
		if bySeq[e.Seq] != e.Detail {
			t.Errorf("event %d has detail %q; AppendEvent gave that Seq to event %q", e.Seq, e.Detail, bySeq[e.Seq])
		}
	}
}
