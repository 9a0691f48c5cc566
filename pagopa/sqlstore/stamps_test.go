package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

// equateStored compares values read back from the database: times to
// the microsecond (PostgreSQL's precision) and whatever their zone.
var equateStored = cmpopts.EquateApproxTime(time.Microsecond)

func TestSQLiteMigrateFromVersion1(t *testing.T) { testMigrateFromVersion1(t, sqliteBackend) }
func TestPostgreSQLMigrateFromVersion1(t *testing.T) {
	postgresDSN(t)
	testMigrateFromVersion1(t, postgresBackend)
}

// testMigrateFromVersion1 checks that Migrate brings a database made by
// a Store of schema version 1 to the current schema, keeping its data.
func testMigrateFromVersion1(t *testing.T, b backend) {
	ctx := t.Context()
	db := b.open(t, b.fresh(t))
	old, err := sqlstore.New(db, b.dialect, sqlstore.WithTablePrefix("pk_"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlstore.MigrateTo(ctx, old, 1); err != nil {
		t.Fatalf("migrating to version 1: %v", err)
	}
	if diff := cmp.Diff(allMigrations[:1], migrationRows(t, db, "pk_")); diff != "" {
		t.Fatalf("schema_migrations at version 1 (-want +got):\n%s", diff)
	}
	p := &pagopa.Position{Organization: "77777777777", IUPD: "A", Status: pagopa.Valid,
		Options: []pagopa.Option{{IUV: "02000000000000184", Amount: 12050}}}
	if err := old.CreatePosition(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := old.IUBDs().Use(ctx, "01240002186093", "R1"); err == nil {
		t.Fatal("Use succeeded at schema version 1, without the iubd_uses table")
	}

	s, err := sqlstore.New(db, b.dialect, sqlstore.WithTablePrefix("pk_"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate from version 1: %v", err)
	}
	if diff := cmp.Diff(allMigrations, migrationRows(t, db, "pk_")); diff != "" {
		t.Errorf("schema_migrations after Migrate (-want +got):\n%s", diff)
	}
	if got, err := s.PositionByIUV(ctx, "77777777777", "02000000000000184"); err != nil || got.IUPD != "A" {
		t.Errorf("PositionByIUV after Migrate = %v, %v; want position A", got, err)
	}
	r := &pagopa.StampRequest{Organization: "77777777777", NoticeNumber: "302000000000000184", TransferID: 1,
		IUV: "02000000000000184", Amount: 1600, HashDocument: "aGFzaA==", Type: "01", Province: "RM",
		RequestedAt: time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)}
	if err := s.SaveStampRequest(ctx, r); err != nil {
		t.Fatalf("SaveStampRequest after Migrate: %v", err)
	}
	got, err := s.StampRequests(ctx, r.Organization, r.NoticeNumber, r.TransferID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]pagopa.StampRequest{*r}, got, equateStored); diff != "" {
		t.Errorf("StampRequests after Migrate (-want +got):\n%s", diff)
	}
	// The Store made before Migrate uses the new tables as well.
	if err := old.IUBDs().Use(ctx, "01240002186093", "R1"); err != nil {
		t.Errorf("Use after Migrate: %v", err)
	}
	if err := s.Contrassegni().UseContrassegno(ctx, bollo.Contrassegno{ID: "01234567890123", IssuedAt: r.RequestedAt}, "PROT-1"); err != nil {
		t.Errorf("UseContrassegno after Migrate: %v", err)
	}
}

func TestSQLiteContrassegni(t *testing.T)     { testContrassegni(t, sqliteBackend) }
func TestPostgreSQLContrassegni(t *testing.T) { postgresDSN(t); testContrassegni(t, postgresBackend) }

// testContrassegni checks the ContrassegnoRegistry of the Store against
// bollo.MemoryRegistry, whose behaviour it shares.
func testContrassegni(t *testing.T, b backend) {
	issued := time.Date(2026, 3, 18, 9, 41, 7, 0, time.FixedZone("CET", 3600))
	t.Run("validation", func(t *testing.T) {
		reg := b.store(t).Contrassegni()
		cases := []struct {
			name string
			c    bollo.Contrassegno
			use  string
			ok   bool
		}{
			{"valid", bollo.Contrassegno{ID: "01234567890123", IssuedAt: issued}, "PROT-1", true},
			{"all nines", bollo.Contrassegno{ID: "99999999999999", IssuedAt: issued}, "PROT-2", true},
			{"13 digits", bollo.Contrassegno{ID: "1234567890123", IssuedAt: issued}, "PROT-3", false},
			{"15 digits", bollo.Contrassegno{ID: "123456789012345", IssuedAt: issued}, "PROT-3", false},
			{"a letter", bollo.Contrassegno{ID: "1234567890123A", IssuedAt: issued}, "PROT-3", false},
			{"a space", bollo.Contrassegno{ID: "1234567 890123", IssuedAt: issued}, "PROT-3", false},
			{"Arabic-Indic digits", bollo.Contrassegno{ID: "١٢٣٤٥٦٧", IssuedAt: issued}, "PROT-3", false},
			{"empty ID", bollo.Contrassegno{IssuedAt: issued}, "PROT-3", false},
			{"zero time of issue", bollo.Contrassegno{ID: "11111111111111"}, "PROT-3", false},
			{"empty use", bollo.Contrassegno{ID: "22222222222222", IssuedAt: issued}, "", false},
		}
		mem := bollo.NewMemoryRegistry()
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				err := reg.UseContrassegno(t.Context(), tc.c, tc.use)
				if (err == nil) != tc.ok {
					t.Fatalf("UseContrassegno(%q, %q) = %v; want ok %v", tc.c.ID, tc.use, err, tc.ok)
				}
				var re *bollo.RuleError
				if !tc.ok && (!errors.Is(err, bollo.ErrInvalid) || !errors.As(err, &re)) {
					t.Errorf("UseContrassegno(%q, %q) = %v; want a *bollo.RuleError with ErrInvalid", tc.c.ID, tc.use, err)
				}
				// The same error as MemoryRegistry's: type, field and
				// detail.
				want := mem.UseContrassegno(t.Context(), tc.c, tc.use)
				if diff := cmp.Diff(fmt.Sprintf("%T %v", want, want), fmt.Sprintf("%T %v", err, err)); diff != "" {
					t.Errorf("error differs from MemoryRegistry's (-memory +sqlstore):\n%s", diff)
				}
			})
		}
		// The refused ones were not recorded.
		for _, id := range []string{"11111111111111", "22222222222222"} {
			if err := reg.UseContrassegno(t.Context(), bollo.Contrassegno{ID: id, IssuedAt: issued}, "PROT-4"); err != nil {
				t.Errorf("UseContrassegno(%s) after a refused use: %v", id, err)
			}
		}
	})

	t.Run("reuse", func(t *testing.T) {
		s1, s2 := b.shared(t)
		ctx := t.Context()
		first := bollo.Contrassegno{ID: "01234567890123", IssuedAt: issued}
		if err := s1.(*sqlstore.Store).Contrassegni().UseContrassegno(ctx, first, "PROT-1"); err != nil {
			t.Fatal(err)
		}
		want := &bollo.ContrassegnoUsedError{ID: first.ID, IssuedAt: issued, Use: "PROT-1"}
		cases := []struct {
			name  string
			store pagopa.Store
			c     bollo.Contrassegno
			use   string
		}{
			{"same stamp, another document", s1, first, "PROT-2"},
			{"same stamp, same document", s1, first, "PROT-1"},
			{"another time of issue", s1, bollo.Contrassegno{ID: first.ID, IssuedAt: issued.Add(24 * time.Hour)}, "PROT-3"},
			{"through another Store", s2, bollo.Contrassegno{ID: first.ID, IssuedAt: issued.Add(-time.Minute)}, "PROT-4"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.store.(*sqlstore.Store).Contrassegni().UseContrassegno(ctx, tc.c, tc.use)
				var ue *bollo.ContrassegnoUsedError
				if !errors.Is(err, bollo.ErrContrassegnoUsed) || !errors.As(err, &ue) {
					t.Fatalf("UseContrassegno = %v; want a *bollo.ContrassegnoUsedError", err)
				}
				if diff := cmp.Diff(want, ue, equateStored); diff != "" {
					t.Errorf("ContrassegnoUsedError mismatch (-want +got):\n%s", diff)
				}
			})
		}
		if err := s2.(*sqlstore.Store).Contrassegni().UseContrassegno(ctx, bollo.Contrassegno{ID: "01234567890124", IssuedAt: issued}, "PROT-2"); err != nil {
			t.Errorf("UseContrassegno of another stamp: %v", err)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		reg := b.store(t).Contrassegni()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		c := bollo.Contrassegno{ID: "01234567890123", IssuedAt: issued}
		if err := reg.UseContrassegno(ctx, c, "PROT-1"); !errors.Is(err, context.Canceled) {
			t.Errorf("UseContrassegno with a cancelled context = %v; want context.Canceled", err)
		}
		if err := reg.UseContrassegno(t.Context(), c, "PROT-2"); err != nil {
			t.Errorf("UseContrassegno after a cancelled one: %v; want the stamp unused", err)
		}
	})

	t.Run("race", func(t *testing.T) {
		s1, s2 := b.shared(t)
		regs := []bollo.ContrassegnoRegistry{s1.(*sqlstore.Store).Contrassegni(), s2.(*sqlstore.Store).Contrassegni()}
		const n = 50
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				<-start
				c := bollo.Contrassegno{ID: "01234567890123", IssuedAt: issued.Add(time.Duration(i) * time.Minute)}
				errs[i] = regs[i%2].UseContrassegno(t.Context(), c, fmt.Sprintf("PROT-%02d", i))
			})
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range errs {
			if err != nil {
				continue
			}
			if winner >= 0 {
				t.Errorf("uses %d and %d both succeeded", winner, i)
			}
			winner = i
		}
		if winner < 0 {
			t.Fatalf("none of %d uses succeeded: %v", n, errors.Join(errs...))
		}
		want := &bollo.ContrassegnoUsedError{ID: "01234567890123", IssuedAt: issued.Add(time.Duration(winner) * time.Minute),
			Use: fmt.Sprintf("PROT-%02d", winner)}
		for i, err := range errs {
			if i == winner {
				continue
			}
			var ue *bollo.ContrassegnoUsedError
			if !errors.As(err, &ue) {
				t.Errorf("use %d = %v; want a *bollo.ContrassegnoUsedError", i, err)
				continue
			}
			if diff := cmp.Diff(want, ue, equateStored); diff != "" {
				t.Errorf("use %d: ContrassegnoUsedError mismatch (-want +got):\n%s", i, diff)
			}
		}
	})
}

func TestSQLiteStampColumns(t *testing.T)     { testStampColumns(t, sqliteBackend) }
func TestPostgreSQLStampColumns(t *testing.T) { postgresDSN(t); testStampColumns(t, postgresBackend) }

// testStampColumns checks what the Store writes in the stamp tables, and
// that used_at comes from the Store's clock.
func testStampColumns(t *testing.T, b backend) {
	ctx := t.Context()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	db := b.open(t, b.fresh(t))
	s := newStore(t, db, b.dialect, sqlstore.WithTablePrefix("pk_"), sqlstore.WithClock(func() time.Time { return clock }))
	requested := time.Date(2026, 3, 20, 10, 15, 30, 123456000, time.FixedZone("CET", 3600))
	r := &pagopa.StampRequest{Organization: "77777777777", NoticeNumber: "302000000000000184", TransferID: 2,
		IUV: "02000000000000184", Amount: 1600, HashDocument: "aGFzaA==", Type: "01", Province: "RM", RequestedAt: requested}
	if err := s.SaveStampRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	var org, notice, hash, iuv, typ, province string
	var transfer, amount int64
	var at time.Time
	err := db.QueryRow(`SELECT org, notice_number, transfer_id, hash_document, iuv, amount_cents, stamp_type, province, requested_at
		FROM pk_stamp_requests`).Scan(&org, &notice, &transfer, &hash, &iuv, &amount, &typ, &province, scanTime{&at})
	if err != nil {
		t.Fatal(err)
	}
	got := []any{org, notice, transfer, hash, iuv, amount, typ, province, at.UTC()}
	want := []any{r.Organization, r.NoticeNumber, int64(2), r.HashDocument, r.IUV, int64(1600), "01", "RM", requested.UTC()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stamp_requests columns (-want +got):\n%s", diff)
	}

	if err := s.IUBDs().Use(ctx, "01240002186093", "R1"); err != nil {
		t.Fatal(err)
	}
	var receipt string
	var usedAt time.Time
	if err := db.QueryRow(`SELECT receipt_id, used_at FROM pk_iubd_uses WHERE iubd = '01240002186093'`).Scan(&receipt, scanTime{&usedAt}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{"R1", clock}, []any{receipt, usedAt.UTC()}); diff != "" {
		t.Errorf("iubd_uses columns (-want +got):\n%s", diff)
	}

	if err := s.Contrassegni().UseContrassegno(ctx, bollo.Contrassegno{ID: "01234567890123", IssuedAt: requested}, "PROT-1"); err != nil {
		t.Fatal(err)
	}
	var use string
	var issuedAt time.Time
	err = db.QueryRow(`SELECT issued_at, use_ref, used_at FROM pk_contrassegni WHERE id = '01234567890123'`).
		Scan(scanTime{&issuedAt}, &use, scanTime{&usedAt})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{requested.UTC(), "PROT-1", clock}, []any{issuedAt.UTC(), use, usedAt.UTC()}); diff != "" {
		t.Errorf("contrassegni columns (-want +got):\n%s", diff)
	}
}
