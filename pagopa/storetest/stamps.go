package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa"
)

// A test of the stamp suite: it opens the stores it needs.
type stampTest struct {
	name string
	run  func(t *testing.T, open func(*testing.T) pagopa.StampStore)
}

var stampTests = []stampTest{
	{"Requests", testStampRequests},
	{"Replace", testStampReplace},
	{"Isolation", testStampIsolation},
	{"Empty", testStampEmpty},
	{"RequestCopies", testStampRequestCopies},
	{"IUBDs", testIUBDs},
	{"Canceled", testStampCanceled},
}

// A concurrency test of the stamp suite: goroutine i calls the store
// pick(i).
type stampConcurrentTest struct {
	name string
	run  func(t *testing.T, pick func(i int) pagopa.StampStore)
}

var stampConcurrentTests = []stampConcurrentTest{
	{"SameIUBD", testConcurrentSameIUBD},
	{"SameStampRequest", testConcurrentSameStampRequest},
}

// RunStamps runs the suite's checks of pagopa.StampStore on the stores
// that open returns, one empty store for each subtest. Run calls it by
// itself for a store that implements pagopa.StampStore.
func RunStamps(t *testing.T, open func(t *testing.T) pagopa.StampStore) {
	for _, tc := range stampTests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open) })
	}
	t.Run("Concurrent", func(t *testing.T) {
		for _, tc := range stampConcurrentTests {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				tc.run(t, func(int) pagopa.StampStore { return s })
			})
		}
	})
}

// RunStampsShared runs the stamp suite's cross-store and concurrency
// checks on two StampStore values over one database, as RunShared does
// for pagopa.Store. RunShared calls it by itself for stores that
// implement pagopa.StampStore.
func RunStampsShared(t *testing.T, open func(t *testing.T) (pagopa.StampStore, pagopa.StampStore)) {
	t.Run("Visibility", func(t *testing.T) {
		a, b := open(t)
		testStampVisibility(t, a, b)
	})
	t.Run("Concurrent", func(t *testing.T) {
		for _, tc := range stampConcurrentTests {
			t.Run(tc.name, func(t *testing.T) {
				a, b := open(t)
				tc.run(t, func(i int) pagopa.StampStore {
					if i%2 == 0 {
						return a
					}
					return b
				})
			})
		}
	})
}

// asStampStore returns s as a pagopa.StampStore, or stops the test.
func asStampStore(t *testing.T, s pagopa.Store) pagopa.StampStore {
	t.Helper()
	ss, ok := s.(pagopa.StampStore)
	if !ok {
		t.Fatalf("%T does not implement pagopa.StampStore", s)
	}
	return ss
}

// runStampsIfImplemented runs RunStamps when the stores of open
// implement pagopa.StampStore, and skips it otherwise.
func runStampsIfImplemented(t *testing.T, open func(*testing.T) pagopa.Store) {
	if _, ok := open(t).(pagopa.StampStore); !ok {
		t.Skip("the store does not implement pagopa.StampStore")
	}
	RunStamps(t, func(t *testing.T) pagopa.StampStore { return asStampStore(t, open(t)) })
}

// runStampsSharedIfImplemented is runStampsIfImplemented for RunShared.
func runStampsSharedIfImplemented(t *testing.T, open func(*testing.T) (pagopa.Store, pagopa.Store)) {
	if a, _ := open(t); !implementsStampStore(a) {
		t.Skip("the store does not implement pagopa.StampStore")
	}
	RunStampsShared(t, func(t *testing.T) (pagopa.StampStore, pagopa.StampStore) {
		a, b := open(t)
		return asStampStore(t, a), asStampStore(t, b)
	})
}

func implementsStampStore(s pagopa.Store) bool {
	_, ok := s.(pagopa.StampStore)
	return ok
}

// The notice numbers and the IUBDs of the stamp fixtures.
const (
	notice1 = "302000000000000184"
	notice2 = "302000000000000285"
	iubd1   = "01240002186093"
	iubd2   = "01240002186094"
)

// hashDoc returns the hashDocumento of the n-th document: the base64 of
// its SHA-256 digest, as the Nodo sends it.
func hashDoc(n int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "document %d", n))
	return base64.StdEncoding.EncodeToString(sum[:])
}

var stampTime = time.Date(2026, 3, 20, 10, 15, 30, 0, rome)

// stampRequest returns a request for transfer 1 of notice1 of org, of the
// n-th document, asked at stampTime plus n seconds.
func stampRequest(n int) *pagopa.StampRequest {
	return &pagopa.StampRequest{
		Organization: org, NoticeNumber: notice1, TransferID: 1, IUV: notice1[1:],
		Amount: 1600, HashDocument: hashDoc(n), Type: "01", Province: "RM",
		RequestedAt: stampTime.Add(time.Duration(n) * time.Second),
	}
}

func mustSaveStamp(t *testing.T, s pagopa.StampStore, rs ...*pagopa.StampRequest) {
	t.Helper()
	for _, r := range rs {
		if err := s.SaveStampRequest(t.Context(), r); err != nil {
			t.Fatalf("SaveStampRequest(%s, %s, %d, %s): %v", r.Organization, r.NoticeNumber, r.TransferID, r.HashDocument, err)
		}
	}
}

// checkStamps compares the requests stored for a transfer with want, in
// order.
func checkStamps(t *testing.T, s pagopa.StampStore, orgID, noticeNumber string, transferID int, want ...*pagopa.StampRequest) {
	t.Helper()
	got, err := s.StampRequests(t.Context(), orgID, noticeNumber, transferID)
	if err != nil {
		t.Fatalf("StampRequests(%s, %s, %d): %v", orgID, noticeNumber, transferID, err)
	}
	wantValues := make([]pagopa.StampRequest, len(want))
	for i, r := range want {
		wantValues[i] = *r
	}
	if diff := cmp.Diff(wantValues, got, equal); diff != "" {
		t.Errorf("StampRequests(%s, %s, %d) mismatch (-want +got):\n%s", orgID, noticeNumber, transferID, diff)
	}
}

func testStampRequests(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	r1, r2, r3 := stampRequest(1), stampRequest(2), stampRequest(3)
	r2.Type, r2.Province, r2.Amount = "02", "", 3200
	// Two requests at the same time come in the byte order of their
	// hashes, upper case before lower case whatever the collation.
	tieA, tieB := stampRequest(0), stampRequest(0)
	tieA.HashDocument, tieB.HashDocument = "Zm9vYmFy"+hashDoc(4)[8:], "aGVsbG8g"+hashDoc(5)[8:]
	tieA.RequestedAt = tieA.RequestedAt.UTC() // the zone does not count
	mustSaveStamp(t, s, r2, tieB, r1, r3, tieA)
	checkStamps(t, s, org, notice1, 1, r3, r2, r1, tieA, tieB)
}

func testStampReplace(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	first := stampRequest(1)
	mustSaveStamp(t, s, first)
	checkStamps(t, s, org, notice1, 1, first)

	// The same key asked again: the latest paGetPaymentV2 wins.
	again := &pagopa.StampRequest{
		Organization: first.Organization, NoticeNumber: first.NoticeNumber, TransferID: first.TransferID,
		HashDocument: first.HashDocument,
		IUV:          "02000000000000999", Amount: 3200, Type: "02", Province: "MI",
		RequestedAt: first.RequestedAt.Add(time.Hour),
	}
	mustSaveStamp(t, s, again)
	checkStamps(t, s, org, notice1, 1, again)

	// Replacing with an older time moves the request back in the order.
	other := stampRequest(2)
	mustSaveStamp(t, s, other)
	checkStamps(t, s, org, notice1, 1, again, other)
	older := *again
	older.RequestedAt = stampTime
	mustSaveStamp(t, s, &older)
	checkStamps(t, s, org, notice1, 1, other, &older)

	// Another document for the same transfer is a second request.
	second := stampRequest(3)
	mustSaveStamp(t, s, second)
	checkStamps(t, s, org, notice1, 1, second, other, &older)
}

func testStampIsolation(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	base := stampRequest(1)
	otherEnte, otherNotice, otherTransfer := *base, *base, *base
	otherEnte.Organization = otherOrg
	otherNotice.NoticeNumber, otherNotice.IUV = notice2, notice2[1:]
	otherTransfer.TransferID = 2
	otherEnte.Amount, otherNotice.Amount, otherTransfer.Amount = 1601, 1602, 1603
	mustSaveStamp(t, s, base, &otherEnte, &otherNotice, &otherTransfer)
	cases := []struct {
		name         string
		org, notice  string
		transfer     int
		wantRequests []*pagopa.StampRequest
	}{
		{"base", org, notice1, 1, []*pagopa.StampRequest{base}},
		{"other ente", otherOrg, notice1, 1, []*pagopa.StampRequest{&otherEnte}},
		{"other notice", org, notice2, 1, []*pagopa.StampRequest{&otherNotice}},
		{"other transfer", org, notice1, 2, []*pagopa.StampRequest{&otherTransfer}},
		{"no such transfer", org, notice1, 3, nil},
		{"no such notice", otherOrg, notice2, 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkStamps(t, s, tc.org, tc.notice, tc.transfer, tc.wantRequests...)
		})
	}
}

func testStampEmpty(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	got, err := s.StampRequests(t.Context(), org, notice1, 1)
	if err != nil || len(got) != 0 {
		t.Errorf("StampRequests on an empty store = %v, %v; want none and no error", got, err)
	}
}

func testStampRequestCopies(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	r := stampRequest(1)
	want := *r
	mustSaveStamp(t, s, r)
	r.Amount, r.Province, r.IUV = 1, "XX", "changed"
	checkStamps(t, s, org, notice1, 1, &want)
	got, err := s.StampRequests(t.Context(), org, notice1, 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("StampRequests = %v, %v; want one request", got, err)
	}
	got[0].Amount = 2
	checkStamps(t, s, org, notice1, 1, &want)
}

// wantUsed checks that err is a *bollo.UsedError for iubd naming
// receiptID.
func wantUsed(t *testing.T, what string, err error, iubd, receiptID string) {
	t.Helper()
	var ue *bollo.UsedError
	if !errors.Is(err, bollo.ErrIUBDUsed) || !errors.As(err, &ue) {
		t.Errorf("%s = %v; want a *bollo.UsedError", what, err)
		return
	}
	if diff := cmp.Diff(&bollo.UsedError{IUBD: iubd, ReceiptID: receiptID}, ue); diff != "" {
		t.Errorf("%s: UsedError mismatch (-want +got):\n%s", what, diff)
	}
}

func testIUBDs(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	ctx := t.Context()
	reg := s.IUBDs()
	if err := reg.Use(ctx, iubd1, "R1"); err != nil {
		t.Fatalf("first Use(%s, R1): %v", iubd1, err)
	}
	wantUsed(t, "second Use by another receipt", reg.Use(ctx, iubd1, "R2"), iubd1, "R1")
	// The same receipt again is a second use too; the error names it,
	// and the caller compares it with its own.
	wantUsed(t, "second Use by the same receipt", reg.Use(ctx, iubd1, "R1"), iubd1, "R1")
	if err := reg.Use(ctx, iubd2, "R2"); err != nil {
		t.Errorf("Use of another IUBD: %v", err)
	}
	// The registry lives with the store, not with the value returned.
	wantUsed(t, "Use through another IUBDs() value", s.IUBDs().Use(ctx, iubd2, "R3"), iubd2, "R2")

	for _, c := range []struct{ iubd, receiptID string }{{"", "R4"}, {"01240002186095", ""}, {"", ""}} {
		err := reg.Use(ctx, c.iubd, c.receiptID)
		var ve *bollo.VerifyError
		if !errors.Is(err, bollo.ErrInvalid) || !errors.As(err, &ve) {
			t.Errorf("Use(%q, %q) = %v; want a *bollo.VerifyError with ErrInvalid", c.iubd, c.receiptID, err)
		}
	}
	// The rejected calls used nothing.
	if err := reg.Use(ctx, "01240002186095", "R5"); err != nil {
		t.Errorf("Use of an IUBD only given with an empty receipt ID: %v", err)
	}
}

func testStampCanceled(t *testing.T, open func(*testing.T) pagopa.StampStore) {
	s := open(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	cases := []struct {
		name string
		call func() error
	}{
		{"SaveStampRequest", func() error { return s.SaveStampRequest(ctx, stampRequest(1)) }},
		{"StampRequests", func() error { _, err := s.StampRequests(ctx, org, notice1, 1); return err }},
		{"IUBDs().Use", func() error { return s.IUBDs().Use(ctx, iubd1, "R1") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, context.Canceled) {
				t.Errorf("got %v; want context.Canceled", err)
			}
		})
	}
	// Nothing changed.
	checkStamps(t, s, org, notice1, 1)
	if err := s.IUBDs().Use(t.Context(), iubd1, "R2"); err != nil {
		t.Errorf("Use after a cancelled Use: %v; want the IUBD unused", err)
	}
}

// testStampVisibility checks that two stores over one database see each
// other's stamp requests and IUBDs.
func testStampVisibility(t *testing.T, a, b pagopa.StampStore) {
	r1, r2 := stampRequest(1), stampRequest(2)
	mustSaveStamp(t, a, r1)
	mustSaveStamp(t, b, r2)
	checkStamps(t, a, org, notice1, 1, r2, r1)
	checkStamps(t, b, org, notice1, 1, r2, r1)
	replaced := *r1
	replaced.Amount = 3200
	mustSaveStamp(t, b, &replaced)
	checkStamps(t, a, org, notice1, 1, r2, &replaced)

	if err := a.IUBDs().Use(t.Context(), iubd1, "R1"); err != nil {
		t.Fatal(err)
	}
	wantUsed(t, "Use on the other store", b.IUBDs().Use(t.Context(), iubd1, "R2"), iubd1, "R1")
}

func testConcurrentSameIUBD(t *testing.T, pick func(int) pagopa.StampStore) {
	const n = 50
	results := make([]error, n)
	parallel(n, func(i int) {
		results[i] = pick(i).IUBDs().Use(t.Context(), iubd1, fmt.Sprintf("R%02d", i))
	})
	winner := -1
	for i, err := range results {
		if err != nil {
			continue
		}
		if winner >= 0 {
			t.Errorf("receipts R%02d and R%02d both used IUBD %s", winner, i, iubd1)
		}
		winner = i
	}
	if winner < 0 {
		t.Fatalf("no Use of %d succeeded: %v", n, errors.Join(results...))
	}
	want := fmt.Sprintf("R%02d", winner)
	for i, err := range results {
		if i != winner {
			wantUsed(t, fmt.Sprintf("Use by R%02d", i), err, iubd1, want)
		}
	}
	for i := range 2 {
		wantUsed(t, fmt.Sprintf("Use on store %d after the race", i), pick(i).IUBDs().Use(t.Context(), iubd1, "late"), iubd1, want)
	}
}

func testConcurrentSameStampRequest(t *testing.T, pick func(int) pagopa.StampStore) {
	const n = 50
	var mu sync.Mutex
	var errs []error
	parallel(n, func(i int) {
		// Half the goroutines ask again for one document, the others
		// each for a document of their own.
		r := stampRequest(1000 + i)
		if i%2 == 0 {
			r = stampRequest(0)
			r.Amount = int64(i)
		}
		if err := pick(i).SaveStampRequest(t.Context(), r); err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	})
	if len(errs) != 0 {
		t.Fatalf("SaveStampRequest: %v", errors.Join(errs...))
	}
	got, err := pick(1).StampRequests(t.Context(), org, notice1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n/2+1 {
		t.Fatalf("StampRequests returned %d requests; want %d", len(got), n/2+1)
	}
	var want []pagopa.StampRequest
	for i := n - 1; i >= 0; i-- {
		if i%2 == 1 {
			want = append(want, *stampRequest(1000 + i))
		}
	}
	// The request saved n/2 times is the oldest, with the amount of one
	// of the saves.
	last := got[len(got)-1]
	if last.Amount%2 != 0 || last.Amount < 0 || last.Amount >= n {
		t.Errorf("the request saved %d times has amount %d; want the amount of one of the saves", n/2, last.Amount)
	}
	r0 := stampRequest(0)
	r0.Amount = last.Amount
	want = append(want, *r0)
	if diff := cmp.Diff(want, got, equal); diff != "" {
		t.Errorf("StampRequests mismatch (-want +got):\n%s", diff)
	}
}
