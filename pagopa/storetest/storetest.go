package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/pagopa"
)

// A test of the suite: it opens the stores it needs.
type test struct {
	name string
	run  func(t *testing.T, open func(*testing.T) pagopa.Store)
}

var tests = []test{
	{"CreateAndGet", testCreateAndGet},
	{"CreateConflicts", testCreateConflicts},
	{"NotFound", testNotFound},
	{"Update", testUpdate},
	{"UpdateFailures", testUpdateFailures},
	{"UpdateReindexesOptions", testUpdateReindexesOptions},
	{"PositionCopies", testPositionCopies},
	{"SaveReceipt", testSaveReceipt},
	{"DuplicateReceipt", testDuplicateReceipt},
	{"ReceiptCopies", testReceiptCopies},
	{"RawBytes", testRawBytes},
	{"Times", testTimes},
	{"NextIUV", testNextIUV},
	{"Events", testEvents},
	{"Canceled", testCanceled},
}

// Run runs the conformance suite on the stores that open returns, one
// empty store for each subtest; see the package documentation for what
// it checks. When the stores implement pagopa.StampStore, it runs
// RunStamps on them too (subtest Stamps). Run it with the race detector
// on.
func Run(t *testing.T, open func(t *testing.T) pagopa.Store) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open) })
	}
	t.Run("Concurrent", func(t *testing.T) {
		for _, tc := range concurrentTests {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				tc.run(t, func(int) pagopa.Store { return s })
			})
		}
	})
	t.Run("Stamps", func(t *testing.T) { runStampsIfImplemented(t, open) })
}

// RunShared runs the suite's cross-store and concurrency checks on two
// Store values over one database, as two replicas of an endpoint see it:
// what one writes the other reads, and the concurrent calls are spread
// over both. open is called once for each subtest and returns two stores
// over the same empty database. When the stores implement
// pagopa.StampStore, it runs RunStampsShared on them too.
func RunShared(t *testing.T, open func(t *testing.T) (pagopa.Store, pagopa.Store)) {
	t.Run("Visibility", func(t *testing.T) {
		a, b := open(t)
		testVisibility(t, a, b)
	})
	t.Run("Concurrent", func(t *testing.T) {
		for _, tc := range concurrentTests {
			t.Run(tc.name, func(t *testing.T) {
				a, b := open(t)
				tc.run(t, func(i int) pagopa.Store {
					if i%2 == 0 {
						return a
					}
					return b
				})
			})
		}
	})
	t.Run("Stamps", func(t *testing.T) { runStampsSharedIfImplemented(t, open) })
}

func mustCreate(t *testing.T, s pagopa.Store, ps ...*pagopa.Position) {
	t.Helper()
	for _, p := range ps {
		if err := s.CreatePosition(t.Context(), p); err != nil {
			t.Fatalf("CreatePosition(%s): %v", p.IUPD, err)
		}
	}
}

func mustPosition(t *testing.T, s pagopa.Store, org, iupd string) *pagopa.Position {
	t.Helper()
	p, err := s.Position(t.Context(), org, iupd)
	if err != nil {
		t.Fatalf("Position(%s, %s): %v", org, iupd, err)
	}
	return p
}

func mustSave(t *testing.T, s pagopa.Store, rs ...*pagopa.Receipt) {
	t.Helper()
	for _, r := range rs {
		stored, err := s.SaveReceipt(t.Context(), r)
		if err != nil || !stored {
			t.Fatalf("SaveReceipt(%s) = %v, %v; want true, nil", r.ReceiptID, stored, err)
		}
	}
}

func mustReceipt(t *testing.T, s pagopa.Store, org, id string) *pagopa.Receipt {
	t.Helper()
	r, err := s.Receipt(t.Context(), org, id)
	if err != nil {
		t.Fatalf("Receipt(%s, %s): %v", org, id, err)
	}
	return r
}

// checkPosition compares the stored position with want.
func checkPosition(t *testing.T, s pagopa.Store, want *pagopa.Position) {
	t.Helper()
	got := mustPosition(t, s, want.Organization, want.IUPD)
	if diff := cmp.Diff(want, got, equal); diff != "" {
		t.Errorf("Position(%s) mismatch (-want +got):\n%s", want.IUPD, diff)
	}
}

// checkByIUV checks which position PositionByIUV finds: iupd, or none
// when iupd is empty.
func checkByIUV(t *testing.T, s pagopa.Store, org, iuv, iupd string) {
	t.Helper()
	p, err := s.PositionByIUV(t.Context(), org, iuv)
	switch {
	case iupd == "" && !errors.Is(err, pagopa.ErrNotFound):
		t.Errorf("PositionByIUV(%s, %s) = %v, %v; want ErrNotFound", org, iuv, p, err)
	case iupd != "" && err != nil:
		t.Errorf("PositionByIUV(%s, %s): %v; want position %s", org, iuv, err, iupd)
	case iupd != "" && (p.IUPD != iupd || p.Organization != org || p.Option(iuv) == nil):
		t.Errorf("PositionByIUV(%s, %s) = position %s/%s; want %s/%s with the option", org, iuv, p.Organization, p.IUPD, org, iupd)
	}
}

func testCreateAndGet(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	full := fullPosition("IUPD-2026-0001", iuv(1), iuv(2), iuv(3))
	single := position(org, "IUPD-2026-0002", iuv(4))
	none := position(org, "IUPD-2026-0003")
	none.Status = pagopa.Draft
	mustCreate(t, s, full, single, none)
	for _, p := range []*pagopa.Position{full, single, none} {
		checkPosition(t, s, p)
		for _, o := range p.Options {
			got, err := s.PositionByIUV(t.Context(), org, o.IUV)
			if err != nil {
				t.Fatalf("PositionByIUV(%s): %v", o.IUV, err)
			}
			if diff := cmp.Diff(p, got, equal); diff != "" {
				t.Errorf("PositionByIUV(%s) mismatch (-want +got):\n%s", o.IUV, diff)
			}
		}
	}
}

func testCreateConflicts(t *testing.T, open func(*testing.T) pagopa.Store) {
	cases := []struct {
		name    string
		p       *pagopa.Position
		wantErr error
	}{
		{"same IUPD", position(org, "A", iuv(10)), pagopa.ErrExists},
		{"IUV of another position", position(org, "B", iuv(11), iuv(1)), pagopa.ErrExists},
		{"new IUPD and IUVs", position(org, "C", iuv(12)), nil},
		{"same IUPD under another ente", position(otherOrg, "A", iuv(13)), nil},
		{"same IUV under another ente", position(otherOrg, "D", iuv(1), iuv(2)), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			existing := position(org, "A", iuv(1), iuv(2))
			mustCreate(t, s, existing)

			err := s.CreatePosition(t.Context(), tc.p)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("CreatePosition(%s/%s) = %v; want %v", tc.p.Organization, tc.p.IUPD, err, tc.wantErr)
			}
			checkPosition(t, s, existing)
			for _, o := range existing.Options {
				checkByIUV(t, s, org, o.IUV, "A")
			}
			if err == nil {
				checkPosition(t, s, tc.p)
				for _, o := range tc.p.Options {
					checkByIUV(t, s, tc.p.Organization, o.IUV, tc.p.IUPD)
				}
				return
			}
			// Nothing of the rejected position was stored.
			if tc.p.IUPD != existing.IUPD {
				if _, err := s.Position(t.Context(), tc.p.Organization, tc.p.IUPD); !errors.Is(err, pagopa.ErrNotFound) {
					t.Errorf("Position(%s) after a rejected create: %v; want ErrNotFound", tc.p.IUPD, err)
				}
			}
			for _, o := range tc.p.Options {
				if existing.Option(o.IUV) == nil {
					checkByIUV(t, s, org, o.IUV, "")
				}
			}
		})
	}
}

func testNotFound(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	mustCreate(t, s, position(org, "A", iuv(1)))
	mustSave(t, s, receipt(org, "R1", iuv(1), 12050))
	called := false
	cases := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Position", func(ctx context.Context) error { _, err := s.Position(ctx, org, "B"); return err }},
		{"Position of another ente", func(ctx context.Context) error { _, err := s.Position(ctx, otherOrg, "A"); return err }},
		{"PositionByIUV", func(ctx context.Context) error { _, err := s.PositionByIUV(ctx, org, iuv(2)); return err }},
		{"PositionByIUV of another ente", func(ctx context.Context) error { _, err := s.PositionByIUV(ctx, otherOrg, iuv(1)); return err }},
		{"UpdatePosition", func(ctx context.Context) error {
			_, err := s.UpdatePosition(ctx, org, "B", func(*pagopa.Position) error { called = true; return nil })
			return err
		}},
		{"Receipt", func(ctx context.Context) error { _, err := s.Receipt(ctx, org, "R2"); return err }},
		{"Receipt of another ente", func(ctx context.Context) error { _, err := s.Receipt(ctx, otherOrg, "R1"); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(t.Context()); !errors.Is(err, pagopa.ErrNotFound) {
				t.Errorf("got %v; want ErrNotFound", err)
			}
		})
	}
	if called {
		t.Error("UpdatePosition called fn for a missing position")
	}
}

func testUpdate(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	p := fullPosition("A", iuv(1), iuv(2))
	mustCreate(t, s, p)
	want := p.Clone()
	want.FullName = "Maria Rossi"
	want.Email = ""
	want.PayStandIn = nil
	want.Options[1].Description = "TARI 2026 seconda rata"
	want.Options[1].Amount += 100
	want.Options[1].Transfers[0].Amount += 100
	want.Options[0].Metadata = append(want.Options[0].Metadata, pagopa.MapEntry{Key: "sollecito", Value: "1"})
	want.Options = append(want.Options, position(org, "", iuv(3)).Options[0])

	calls := 0
	got, err := s.UpdatePosition(t.Context(), org, "A", func(q *pagopa.Position) error {
		calls++
		if diff := cmp.Diff(p, q, equal); diff != "" {
			t.Errorf("fn got a position that differs from the stored one (-want +got):\n%s", diff)
		}
		*q = *want.Clone()
		return nil
	})
	if err != nil {
		t.Fatalf("UpdatePosition: %v", err)
	}
	if calls == 0 {
		t.Fatal("UpdatePosition did not call fn")
	}
	if diff := cmp.Diff(want, got, equal); diff != "" {
		t.Errorf("UpdatePosition returned (-want +got):\n%s", diff)
	}
	checkPosition(t, s, want)
	checkByIUV(t, s, org, iuv(3), "A")
}

func testUpdateFailures(t *testing.T, open func(*testing.T) pagopa.Store) {
	errBoom := errors.New("boom")
	cases := []struct {
		name string
		fn   func(*pagopa.Position) error
		// wantErr is matched with errors.Is; nil accepts any error.
		wantErr error
	}{
		{"fn error", func(p *pagopa.Position) error {
			p.FullName = "changed"
			p.Options[0].IUV = iuv(9)
			p.Options = p.Options[:1]
			return fmt.Errorf("checking: %w", errBoom)
		}, errBoom},
		{"IUV of another position", func(p *pagopa.Position) error {
			p.FullName = "changed"
			p.Options[1].IUV = iuv(3)
			return nil
		}, pagopa.ErrExists},
		{"IUPD changed", func(p *pagopa.Position) error { p.IUPD = "Z"; return nil }, nil},
		{"ente changed", func(p *pagopa.Position) error { p.Organization = otherOrg; return nil }, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			a := position(org, "A", iuv(1), iuv(2))
			b := position(org, "B", iuv(3))
			mustCreate(t, s, a, b)
			got, err := s.UpdatePosition(t.Context(), org, "A", tc.fn)
			if err == nil || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
				t.Fatalf("UpdatePosition = %v, %v; want error %v", got, err, tc.wantErr)
			}
			checkPosition(t, s, a)
			checkPosition(t, s, b)
			checkByIUV(t, s, org, iuv(1), "A")
			checkByIUV(t, s, org, iuv(2), "A")
			checkByIUV(t, s, org, iuv(3), "B")
			checkByIUV(t, s, org, iuv(9), "")
			if _, err := s.Position(t.Context(), org, "Z"); !errors.Is(err, pagopa.ErrNotFound) {
				t.Errorf("Position(Z) = %v; want ErrNotFound", err)
			}
			if _, err := s.Position(t.Context(), otherOrg, "A"); !errors.Is(err, pagopa.ErrNotFound) {
				t.Errorf("Position(%s, A) = %v; want ErrNotFound", otherOrg, err)
			}
		})
	}
}

func testUpdateReindexesOptions(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	mustCreate(t, s, position(org, "A", iuv(1), iuv(2)), position(otherOrg, "X", iuv(3)))
	_, err := s.UpdatePosition(t.Context(), org, "A", func(p *pagopa.Position) error {
		p.Options = position(org, "A", iuv(2), iuv(3)).Options
		return nil
	})
	if err != nil {
		t.Fatalf("UpdatePosition: %v", err)
	}
	for _, c := range []struct{ org, iuv, iupd string }{
		{org, iuv(1), ""},
		{org, iuv(2), "A"},
		{org, iuv(3), "A"},
		{otherOrg, iuv(3), "X"},
	} {
		checkByIUV(t, s, c.org, c.iuv, c.iupd)
	}
	// The IUV given up is free for another position.
	mustCreate(t, s, position(org, "B", iuv(1)))
	checkByIUV(t, s, org, iuv(1), "B")

	// A position may lose all its options.
	if _, err := s.UpdatePosition(t.Context(), org, "A", func(p *pagopa.Position) error {
		p.Options = nil
		return nil
	}); err != nil {
		t.Fatalf("UpdatePosition: %v", err)
	}
	checkByIUV(t, s, org, iuv(2), "")
	checkByIUV(t, s, org, iuv(3), "")
	if got := mustPosition(t, s, org, "A"); len(got.Options) != 0 {
		t.Errorf("Position(A) has %d options; want none", len(got.Options))
	}
}

// mutatePosition changes p deeply, as a careless caller might.
func mutatePosition(p *pagopa.Position) {
	p.FullName = "mutated"
	*p.ValidityDate = p.ValidityDate.Add(time.Hour)
	*p.PayStandIn = !*p.PayStandIn
	*p.PaymentDate = time.Time{}
	o := &p.Options[0]
	o.Amount++
	*o.RetentionDate = o.RetentionDate.Add(time.Hour)
	o.Metadata[0].Value = "mutated"
	o.Transfers[0].IBAN = "mutated"
	o.Transfers[1].Metadata[0].Value = "mutated"
	o.Transfers[2].Stamp.Type = "99"
	p.Options = append(p.Options, pagopa.Option{IUV: iuv(99)})
}

func testPositionCopies(t *testing.T, open func(*testing.T) pagopa.Store) {
	cases := []struct {
		name string
		// get returns a position to mutate.
		get func(t *testing.T, s pagopa.Store, created *pagopa.Position) *pagopa.Position
	}{
		{"CreatePosition argument", func(t *testing.T, s pagopa.Store, created *pagopa.Position) *pagopa.Position {
			return created
		}},
		{"Position result", func(t *testing.T, s pagopa.Store, _ *pagopa.Position) *pagopa.Position {
			return mustPosition(t, s, org, "A")
		}},
		{"PositionByIUV result", func(t *testing.T, s pagopa.Store, _ *pagopa.Position) *pagopa.Position {
			p, err := s.PositionByIUV(t.Context(), org, iuv(1))
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"UpdatePosition result", func(t *testing.T, s pagopa.Store, _ *pagopa.Position) *pagopa.Position {
			p, err := s.UpdatePosition(t.Context(), org, "A", func(*pagopa.Position) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			p := fullPosition("A", iuv(1), iuv(2))
			want := p.Clone()
			mustCreate(t, s, p)
			mutatePosition(tc.get(t, s, p))
			checkPosition(t, s, want)
			checkByIUV(t, s, org, iuv(99), "")
		})
	}
}

func testSaveReceipt(t *testing.T, open func(*testing.T) pagopa.Store) {
	single := position(org, "P1", iuv(1))
	instalments := position(org, "P2", iuv(2), iuv(3))
	draft := position(org, "P3", iuv(4))
	draft.Status = pagopa.Draft
	ko := func(r *pagopa.Receipt) *pagopa.Receipt { r.Outcome = "KO"; return r }

	cases := []struct {
		name  string
		prior []*pagopa.Receipt
		r     *pagopa.Receipt
		// iupd is the position the receipt applies to, or "".
		iupd          string
		wantAnomalies []pagopa.Anomaly
		wantStatus    pagopa.Status
		wantOption    pagopa.OptionStatus
		wantReceiptID string // of the option
	}{
		{name: "single payment", r: fullReceipt("R1", iuv(1), 12050), iupd: "P1",
			wantStatus: pagopa.Paid, wantOption: pagopa.OptionPaid, wantReceiptID: "R1"},
		{name: "first instalment", r: receipt(org, "R1", iuv(2), 12050), iupd: "P2",
			wantStatus: pagopa.PartiallyPaid, wantOption: pagopa.OptionPaid, wantReceiptID: "R1"},
		{name: "last instalment", prior: []*pagopa.Receipt{receipt(org, "R0", iuv(2), 12050)},
			r: receipt(org, "R1", iuv(3), 12150), iupd: "P2",
			wantStatus: pagopa.Paid, wantOption: pagopa.OptionPaid, wantReceiptID: "R1"},
		{name: "amount mismatch", r: receipt(org, "R1", iuv(1), 100), iupd: "P1",
			wantAnomalies: []pagopa.Anomaly{pagopa.AmountMismatch},
			wantStatus:    pagopa.Paid, wantOption: pagopa.OptionPaid, wantReceiptID: "R1"},
		{name: "double payment", prior: []*pagopa.Receipt{receipt(org, "R0", iuv(1), 12050)},
			r: receipt(org, "R1", iuv(1), 12050), iupd: "P1",
			wantAnomalies: []pagopa.Anomaly{pagopa.DoublePayment},
			wantStatus:    pagopa.Paid, wantOption: pagopa.OptionPaid, wantReceiptID: "R0"},
		{name: "not payable", r: receipt(org, "R1", iuv(4), 12050), iupd: "P3",
			wantAnomalies: []pagopa.Anomaly{pagopa.NotPayable},
			wantStatus:    pagopa.Draft, wantOption: pagopa.OptionPaid, wantReceiptID: "R1"},
		{name: "outcome KO", r: ko(receipt(org, "R1", iuv(1), 12050)), iupd: "P1",
			wantAnomalies: []pagopa.Anomaly{pagopa.OutcomeKO},
			wantStatus:    pagopa.Valid, wantOption: pagopa.OptionUnpaid},
		{name: "unknown IUV", r: receipt(org, "R1", iuv(9), 12050),
			wantAnomalies: []pagopa.Anomaly{pagopa.UnknownPosition}},
		{name: "unknown IUV, outcome KO", r: ko(receipt(org, "R1", iuv(9), 12050)),
			wantAnomalies: []pagopa.Anomaly{pagopa.OutcomeKO}},
		{name: "IUV of another ente", r: receipt(otherOrg, "R1", iuv(1), 12050),
			wantAnomalies: []pagopa.Anomaly{pagopa.UnknownPosition}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			mustCreate(t, s, single.Clone(), instalments.Clone(), draft.Clone())
			mustSave(t, s, tc.prior...)
			before := map[string]*pagopa.Position{}
			for _, iupd := range []string{"P1", "P2", "P3"} {
				before[iupd] = mustPosition(t, s, org, iupd)
			}

			r := tc.r
			stored, err := s.SaveReceipt(t.Context(), r)
			if err != nil || !stored {
				t.Fatalf("SaveReceipt = %v, %v; want true, nil", stored, err)
			}
			if diff := cmp.Diff(tc.wantAnomalies, r.Anomalies, equal); diff != "" {
				t.Errorf("SaveReceipt left Anomalies (-want +got):\n%s", diff)
			}
			got := mustReceipt(t, s, r.Organization, r.ReceiptID)
			if diff := cmp.Diff(r, got, equal); diff != "" {
				t.Errorf("Receipt() mismatch (-want +got):\n%s", diff)
			}

			// The positions: the one the receipt applies to as
			// ApplyReceipt leaves it, the others unchanged.
			for iupd, p := range before {
				want := p.Clone()
				if iupd == tc.iupd {
					want.ApplyReceipt(r)
					gotP := mustPosition(t, s, org, iupd)
					o := gotP.Option(r.IUV)
					if o == nil {
						t.Fatalf("position %s lost the option %s", iupd, r.IUV)
					}
					if gotP.Status != tc.wantStatus || o.Status != tc.wantOption || o.ReceiptID != tc.wantReceiptID {
						t.Errorf("position %s is %s with option %s paid by %q; want %s, %s, %q",
							iupd, gotP.Status, o.Status, o.ReceiptID, tc.wantStatus, tc.wantOption, tc.wantReceiptID)
					}
				}
				checkPosition(t, s, want)
			}

			// The same receipt again is not stored again and changes
			// nothing.
			again := *r
			again.Anomalies = nil
			again.Amount++
			stored, err = s.SaveReceipt(t.Context(), &again)
			if err != nil || stored {
				t.Fatalf("SaveReceipt again = %v, %v; want false, nil", stored, err)
			}
			if diff := cmp.Diff(r, mustReceipt(t, s, r.Organization, r.ReceiptID), equal); diff != "" {
				t.Errorf("Receipt() after a duplicate (-want +got):\n%s", diff)
			}
			if tc.iupd != "" {
				want := before[tc.iupd].Clone()
				want.ApplyReceipt(r)
				checkPosition(t, s, want)
			}
		})
	}
}

func testDuplicateReceipt(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	p := position(org, "A", iuv(1))
	mustCreate(t, s, p)
	first := receipt(org, "R1", iuv(1), 12050)
	mustSave(t, s, first)
	paid := mustPosition(t, s, org, "A")

	cases := []struct {
		name       string
		r          *pagopa.Receipt
		wantStored bool
	}{
		{"same ente and receipt id", receipt(org, "R1", iuv(1), 999), false},
		{"same receipt id, other IUV", receipt(org, "R1", iuv(2), 12050), false},
		{"same receipt id under another ente", receipt(otherOrg, "R1", iuv(1), 12050), true},
		{"other receipt id", receipt(org, "R2", iuv(2), 12050), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stored, err := s.SaveReceipt(t.Context(), tc.r)
			if err != nil || stored != tc.wantStored {
				t.Fatalf("SaveReceipt = %v, %v; want %v, nil", stored, err, tc.wantStored)
			}
			if !stored && tc.r.Anomalies != nil {
				t.Errorf("a duplicate SaveReceipt set Anomalies to %v", tc.r.Anomalies)
			}
			if diff := cmp.Diff(first, mustReceipt(t, s, org, "R1"), equal); diff != "" {
				t.Errorf("first receipt changed (-want +got):\n%s", diff)
			}
			checkPosition(t, s, paid)
		})
	}
}

// mutateReceipt changes r deeply.
func mutateReceipt(r *pagopa.Receipt) {
	r.Amount++
	r.Raw[0] ^= 0xff
	r.Transfers[1].UnverifiedMBD[0] ^= 0xff
	r.Transfers[1].Metadata[0].Value = "mutated"
	r.Transfers[0].IBAN = "mutated"
	r.Payer.FullName = "mutated"
	*r.Fee = -1
	*r.PrimaryCIIncurredFee = -1
	r.Metadata[0].Value = "mutated"
	r.Anomalies = append(r.Anomalies, pagopa.DoublePayment)
}

func testReceiptCopies(t *testing.T, open func(*testing.T) pagopa.Store) {
	cases := []struct {
		name string
		// get returns the receipt to mutate.
		get func(t *testing.T, s pagopa.Store, saved *pagopa.Receipt) *pagopa.Receipt
	}{
		{"SaveReceipt argument", func(t *testing.T, s pagopa.Store, saved *pagopa.Receipt) *pagopa.Receipt {
			return saved
		}},
		{"Receipt result", func(t *testing.T, s pagopa.Store, saved *pagopa.Receipt) *pagopa.Receipt {
			return mustReceipt(t, s, org, saved.ReceiptID)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			mustCreate(t, s, position(org, "A", iuv(1)))
			r := fullReceipt("R1", iuv(1), 100) // an amount mismatch
			mustSave(t, s, r)
			want := *r
			want.Raw = bytes.Clone(r.Raw)
			want.Transfers = []pagopa.ReceiptTransfer{r.Transfers[0], r.Transfers[1]}
			want.Transfers[1].UnverifiedMBD = bytes.Clone(r.Transfers[1].UnverifiedMBD)
			want.Transfers[1].Metadata = []pagopa.MapEntry{r.Transfers[1].Metadata[0]}
			payer, fee, primary := *r.Payer, *r.Fee, *r.PrimaryCIIncurredFee
			want.Payer, want.Fee, want.PrimaryCIIncurredFee = &payer, &fee, &primary
			want.Metadata = []pagopa.MapEntry{r.Metadata[0]}
			want.Anomalies = []pagopa.Anomaly{pagopa.AmountMismatch}

			mutateReceipt(tc.get(t, s, r))
			if diff := cmp.Diff(&want, mustReceipt(t, s, org, "R1"), equal); diff != "" {
				t.Errorf("Receipt() after mutating a copy (-want +got):\n%s", diff)
			}
		})
	}
}

func testRawBytes(t *testing.T, open func(*testing.T) pagopa.Store) {
	rnd := rand.New(rand.NewPCG(1, 2))
	large := make([]byte, 1<<20)
	for i := range large {
		large[i] = byte(rnd.Uint32())
	}
	cases := []struct {
		name string
		raw  []byte
	}{
		{"XML with CRLF and namespaces", []byte("<pafn:paSendRTV2Req xmlns:pafn=\"http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd\">\r\n  <receipt>\r\n  </receipt>\r\n</pafn:paSendRTV2Req>\r\n")},
		{"NUL and high bytes", []byte{0x00, 0x01, 0xff, 0xfe, 0x80, 0x00, '\r', '\n', 0x1b, 0x7f}},
		{"BOM and invalid UTF-8", []byte("\xef\xbb\xbf<a>\xc3\x28\xa0\xa1\xed\xa0\x80</a>")},
		{"ISO-8859-1", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>citt\xe0</a>")},
		{"spaces only", []byte(" \t \n ")},
		{"trailing NUL", []byte("<a/>\x00")},
		{"1 MiB of random bytes", large},
	}
	s := open(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id := fmt.Sprintf("RAW%02d", i)
			r := receipt(org, id, iuv(i+1), 12050)
			r.Raw = bytes.Clone(tc.raw)
			r.Transfers[0].UnverifiedMBD = bytes.Clone(tc.raw)
			mustSave(t, s, r)
			got := mustReceipt(t, s, org, id)
			for _, c := range []struct {
				what string
				got  []byte
			}{{"Raw", got.Raw}, {"MBD", got.Transfers[0].UnverifiedMBD}} {
				if !bytes.Equal(tc.raw, c.got) {
					n := 0
					for n < len(c.got) && n < len(tc.raw) && c.got[n] == tc.raw[n] {
						n++
					}
					t.Errorf("%s: got %d bytes, want %d; first difference at byte %d", c.what, len(c.got), len(tc.raw), n)
				}
			}
		})
	}
}

func testTimes(t *testing.T, open func(*testing.T) pagopa.Store) {
	cases := []struct {
		name string
		t    time.Time
	}{
		{"UTC seconds", time.Date(2026, 3, 20, 10, 15, 30, 0, time.UTC)},
		{"milliseconds, CET", time.Date(2026, 3, 20, 10, 15, 30, 123000000, rome)},
		{"microseconds, negative offset", time.Date(2026, 12, 31, 23, 59, 59, 999999000, time.FixedZone("", -(3*3600+1800)))},
		{"nanoseconds (kept at least to the microsecond)", time.Date(2026, 7, 1, 12, 0, 0, 123456789, rome)},
		{"daylight saving change", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)},
		{"year 1", time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
		{"zero", time.Time{}},
	}
	s := open(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at := tc.t
			p := position(org, fmt.Sprintf("T%02d", i), iuv(i+1))
			p.ValidityDate = &at
			p.Options[0].DueDate = at
			mustCreate(t, s, p)

			r := receipt(otherOrg, fmt.Sprintf("T%02d", i), iuv(i+1), 12050)
			r.PaymentDateTime, r.ApplicationDate, r.TransferDate, r.ReceivedAt = at, at, at, at
			mustSave(t, s, r)
			got := mustReceipt(t, s, otherOrg, r.ReceiptID)

			e := pagopa.Event{Time: at, Kind: pagopa.EventDemand, Organization: org}
			if err := s.AppendEvent(t.Context(), &e); err != nil {
				t.Fatal(err)
			}
			evs, err := s.Events(t.Context(), e.Seq-1, 1)
			if err != nil || len(evs) != 1 {
				t.Fatalf("Events = %v, %v; want the event", evs, err)
			}
			gp := mustPosition(t, s, org, p.IUPD)
			if gp.ValidityDate == nil || len(gp.Options) != 1 {
				t.Fatalf("Position(%s) lost its validity date or option: %+v", p.IUPD, gp)
			}

			for _, c := range []struct {
				what string
				got  time.Time
			}{
				{"Position.ValidityDate", *gp.ValidityDate},
				{"Option.DueDate", gp.Options[0].DueDate},
				{"Receipt.PaymentDateTime", got.PaymentDateTime},
				{"Receipt.ApplicationDate", got.ApplicationDate},
				{"Receipt.TransferDate", got.TransferDate},
				{"Receipt.ReceivedAt", got.ReceivedAt},
				{"Event.Time", evs[0].Time},
			} {
				if diff := cmp.Diff(at, c.got, equal); diff != "" || at.IsZero() != c.got.IsZero() {
					t.Errorf("%s = %v; want %v", c.what, c.got, at)
				}
			}
		})
	}
}

func testNextIUV(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	steps := []struct {
		org, series string
		want        uint64
	}{
		{org, "02", 1},
		{org, "02", 2},
		{org, "03", 1},
		{otherOrg, "02", 1},
		{org, "02", 3},
		{org, "03", 2},
		{otherOrg, "02", 2},
		{org, "", 1},
		{org, "02", 4},
	}
	for i, st := range steps {
		got, err := s.NextIUV(t.Context(), st.org, st.series)
		if err != nil || got != st.want {
			t.Errorf("step %d: NextIUV(%s, %q) = %d, %v; want %d", i, st.org, st.series, got, err, st.want)
		}
	}
}

func testEvents(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	if evs, err := s.Events(t.Context(), 0, 10); err != nil || len(evs) != 0 {
		t.Fatalf("Events on an empty journal = %v, %v; want none", evs, err)
	}
	at := time.Date(2026, 3, 20, 10, 15, 30, 0, time.UTC)
	events := []pagopa.Event{
		{Time: at, Kind: pagopa.EventPositionCreated, Organization: org, IUPD: "A"},
		{Time: at.Add(time.Second), Kind: pagopa.EventPositionUpdated, Organization: org, IUPD: "A", Detail: "importo"},
		{Time: at.Add(2 * time.Second), Kind: pagopa.EventReceipt, Organization: org, IUPD: "A", IUV: iuv(1),
			NoticeNumber: nav(iuv(1)), ReceiptID: "R1"},
		{Time: at.Add(3 * time.Second), Kind: pagopa.EventReceiptAnomaly, Organization: org, IUV: iuv(1),
			NoticeNumber: nav(iuv(1)), ReceiptID: "R1", Detail: string(pagopa.AmountMismatch)},
		{Time: at.Add(4 * time.Second), Kind: pagopa.EventDemand, Organization: otherOrg, IUPD: "B", Detail: "àèìòù € \"x\"\n"},
	}
	var seqs []int64
	for i := range events {
		e := events[i]
		if err := s.AppendEvent(t.Context(), &e); err != nil {
			t.Fatalf("AppendEvent: %v", err)
		}
		if e.Seq <= 0 || (i > 0 && e.Seq <= seqs[i-1]) {
			t.Fatalf("AppendEvent set Seq %d after %v; want increasing positive values", e.Seq, seqs)
		}
		seqs = append(seqs, e.Seq)
		events[i].Seq = e.Seq
	}
	cases := []struct {
		name  string
		after int64
		limit int
		want  []pagopa.Event
	}{
		{"all", 0, 100, events},
		{"first page", 0, 2, events[:2]},
		{"second page", seqs[1], 2, events[2:4]},
		{"last page", seqs[3], 2, events[4:]},
		{"past the end", seqs[4], 10, nil},
		{"negative after", -1, 1, events[:1]},
		{"zero limit", 0, 0, nil},
		{"negative limit", 0, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Events(t.Context(), tc.after, tc.limit)
			if err != nil {
				t.Fatalf("Events: %v", err)
			}
			if diff := cmp.Diff(tc.want, got, equal); diff != "" {
				t.Errorf("Events(%d, %d) mismatch (-want +got):\n%s", tc.after, tc.limit, diff)
			}
		})
	}
}

func testCanceled(t *testing.T, open func(*testing.T) pagopa.Store) {
	s := open(t)
	mustCreate(t, s, position(org, "A", iuv(1)))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cases := []struct {
		name string
		call func() error
	}{
		{"CreatePosition", func() error { return s.CreatePosition(ctx, position(org, "B", iuv(2))) }},
		{"UpdatePosition", func() error {
			_, err := s.UpdatePosition(ctx, org, "A", func(p *pagopa.Position) error { p.FullName = "changed"; return nil })
			return err
		}},
		{"Position", func() error { _, err := s.Position(ctx, org, "A"); return err }},
		{"PositionByIUV", func() error { _, err := s.PositionByIUV(ctx, org, iuv(1)); return err }},
		{"SaveReceipt", func() error { _, err := s.SaveReceipt(ctx, receipt(org, "R1", iuv(1), 12050)); return err }},
		{"Receipt", func() error { _, err := s.Receipt(ctx, org, "R1"); return err }},
		{"NextIUV", func() error { _, err := s.NextIUV(ctx, org, "02"); return err }},
		{"AppendEvent", func() error { return s.AppendEvent(ctx, &pagopa.Event{Kind: pagopa.EventDemand}) }},
		{"Events", func() error { _, err := s.Events(ctx, 0, 10); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, context.Canceled) {
				t.Errorf("got %v; want context.Canceled", err)
			}
		})
	}
	// Nothing changed.
	checkPosition(t, s, position(org, "A", iuv(1)))
	if _, err := s.Position(t.Context(), org, "B"); !errors.Is(err, pagopa.ErrNotFound) {
		t.Errorf("Position(B) = %v; want ErrNotFound", err)
	}
	if _, err := s.Receipt(t.Context(), org, "R1"); !errors.Is(err, pagopa.ErrNotFound) {
		t.Errorf("Receipt(R1) = %v; want ErrNotFound", err)
	}
	if n, err := s.NextIUV(t.Context(), org, "02"); n != 1 || err != nil {
		t.Errorf("NextIUV = %d, %v; want 1", n, err)
	}
	if evs, err := s.Events(t.Context(), 0, 10); len(evs) != 0 || err != nil {
		t.Errorf("Events = %v, %v; want none", evs, err)
	}
}

// testVisibility checks that two stores over one database see each
// other's writes.
func testVisibility(t *testing.T, a, b pagopa.Store) {
	ctx := t.Context()
	p := fullPosition("A", iuv(1), iuv(2))
	mustCreate(t, a, p)
	checkPosition(t, b, p)
	checkByIUV(t, b, org, iuv(2), "A")
	if err := b.CreatePosition(ctx, position(org, "B", iuv(2))); !errors.Is(err, pagopa.ErrExists) {
		t.Errorf("CreatePosition on the other store with a used IUV = %v; want ErrExists", err)
	}
	if err := b.CreatePosition(ctx, position(org, "A", iuv(3))); !errors.Is(err, pagopa.ErrExists) {
		t.Errorf("CreatePosition on the other store with a used IUPD = %v; want ErrExists", err)
	}

	want, err := b.UpdatePosition(ctx, org, "A", func(p *pagopa.Position) error { p.FullName = "Maria Rossi"; return nil })
	if err != nil {
		t.Fatal(err)
	}
	checkPosition(t, a, want)

	r := receipt(org, "R1", iuv(1), p.Options[0].Amount)
	mustSave(t, a, r)
	if stored, err := b.SaveReceipt(ctx, receipt(org, "R1", iuv(1), p.Options[0].Amount)); stored || err != nil {
		t.Errorf("SaveReceipt of the same receipt on the other store = %v, %v; want false, nil", stored, err)
	}
	if diff := cmp.Diff(r, mustReceipt(t, b, org, "R1"), equal); diff != "" {
		t.Errorf("Receipt() on the other store (-want +got):\n%s", diff)
	}
	want.ApplyReceipt(r)
	checkPosition(t, b, want)

	for i, s := range []pagopa.Store{a, b, b, a} {
		if n, err := s.NextIUV(ctx, org, "02"); n != uint64(i+1) || err != nil {
			t.Errorf("NextIUV #%d = %d, %v; want %d", i+1, n, err, i+1)
		}
	}

	var appended []pagopa.Event
	for i, s := range []pagopa.Store{a, b, a} {
		e := pagopa.Event{Time: time.Date(2026, 3, 20, 10, 0, i, 0, time.UTC), Kind: pagopa.EventDemand, Organization: org, Detail: fmt.Sprint(i)}
		if err := s.AppendEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		appended = append(appended, e)
	}
	for _, s := range []pagopa.Store{a, b} {
		got, err := s.Events(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(appended, got, equal); diff != "" {
			t.Errorf("Events (-want +got):\n%s", diff)
		}
	}
}
