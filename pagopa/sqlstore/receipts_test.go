package sqlstore_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

func TestSQLiteReceipts(t *testing.T)     { testReceipts(t, sqliteBackend) }
func TestPostgreSQLReceipts(t *testing.T) { postgresDSN(t); testReceipts(t, postgresBackend) }

// testReceipts stores receipts of two enti around a month's edges and
// lists one ente's month.
func testReceipts(t *testing.T, b backend) {
	ctx := t.Context()
	arrival := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	s := b.store(t, sqlstore.WithClock(func() time.Time { return arrival }))
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, r := range []struct {
		org, id string
		paid    string // "" for a receipt without paymentDateTime
	}{
		{"77777777777", "R-late", "2026-02-28T23:59:59Z"},
		{"77777777777", "R-jan", "2026-01-31T23:59:59Z"},
		{"77777777777", "R-first", "2026-02-01T00:00:00Z"},
		{"77777777777", "R-mar", "2026-03-01T00:00:00Z"},
		{"77777777777", "R-b", "2026-02-15T12:00:00Z"},
		{"77777777777", "R-a", "2026-02-15T12:00:00Z"},
		{"77777777777", "R-none", ""}, // arrives 2026-02-10
		{"88888888888", "R-other", "2026-02-15T12:00:00Z"},
	} {
		rc := &pagopa.Receipt{Version: 2, ReceiptID: r.id, Organization: r.org, Outcome: "OK",
			IUV: "02000000000000184", NoticeNumber: "302000000000000184", Amount: 100, Raw: []byte("<receipt>" + r.id + "</receipt>")}
		if r.paid != "" {
			rc.PaymentDateTime = at(r.paid)
		}
		if _, err := s.SaveReceipt(ctx, rc); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for r, err := range s.Receipts(ctx, "77777777777", at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")) {
		if err != nil {
			t.Fatal(err)
		}
		if string(r.Raw) != "<receipt>"+r.ReceiptID+"</receipt>" {
			t.Errorf("%s: raw %q", r.ReceiptID, r.Raw)
		}
		got = append(got, r.ReceiptID)
	}
	want := []string{"R-first", "R-none", "R-a", "R-b", "R-late"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("February's receipts (-want +got):\n%s", diff)
	}

	// Stopping early stops the query.
	n := 0
	for range s.Receipts(ctx, "77777777777", at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("read %d receipts before stopping, want 2", n)
	}
}
