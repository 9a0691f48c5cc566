package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
	"github.com/pagokit/pagokit/pagopa/storetest"
)

// A backend is a database the tests run on.
type backend struct {
	dialect sqlstore.Dialect
	// fresh returns the DSN or path of a new, empty database, and open
	// opens it.
	fresh func(t testing.TB) string
	open  func(t testing.TB, where string) *sql.DB
}

var sqliteBackend = backend{sqlstore.SQLite, tempSQLite, openSQLite}

var postgresBackend = backend{sqlstore.PostgreSQL, newPostgresSchema, openPostgres}

func (b backend) store(t testing.TB, opts ...sqlstore.Option) *sqlstore.Store {
	return newStore(t, b.open(t, b.fresh(t)), b.dialect, opts...)
}

// shared returns two Stores over one new database, each with its own
// *sql.DB, as two replicas have.
func (b backend) shared(t testing.TB) (pagopa.Store, pagopa.Store) {
	where := b.fresh(t)
	return newStore(t, b.open(t, where), b.dialect), newStore(t, b.open(t, where), b.dialect)
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) pagopa.Store { return sqliteBackend.store(t) })
}

func TestSQLiteShared(t *testing.T) {
	storetest.RunShared(t, func(t *testing.T) (pagopa.Store, pagopa.Store) { return sqliteBackend.shared(t) })
}

func TestSQLiteTablePrefix(t *testing.T) {
	storetest.Run(t, func(t *testing.T) pagopa.Store {
		db := sqliteBackend.open(t, sqliteBackend.fresh(t))
		// A table of the application with a name the Store also uses.
		if _, err := db.Exec(`CREATE TABLE positions (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
			t.Fatal(err)
		}
		return newStore(t, db, sqlstore.SQLite, sqlstore.WithTablePrefix("pagokit_"))
	})
}

func TestPostgreSQL(t *testing.T) {
	postgresDSN(t)
	storetest.Run(t, func(t *testing.T) pagopa.Store { return postgresBackend.store(t) })
}

func TestPostgreSQLShared(t *testing.T) {
	postgresDSN(t)
	storetest.RunShared(t, func(t *testing.T) (pagopa.Store, pagopa.Store) { return postgresBackend.shared(t) })
}

func TestPostgreSQLTablePrefix(t *testing.T) {
	postgresDSN(t)
	storetest.Run(t, func(t *testing.T) pagopa.Store {
		db := postgresBackend.open(t, postgresBackend.fresh(t))
		if _, err := db.Exec(`CREATE TABLE positions (id bigint PRIMARY KEY, name text)`); err != nil {
			t.Fatal(err)
		}
		return newStore(t, db, sqlstore.PostgreSQL, sqlstore.WithTablePrefix("pagokit_"))
	})
}

func TestSQLiteMigrate(t *testing.T)     { testMigrate(t, sqliteBackend) }
func TestPostgreSQLMigrate(t *testing.T) { postgresDSN(t); testMigrate(t, postgresBackend) }

// testMigrate checks that Migrate is idempotent, keeps the data, and
// works when two processes run it at once.
func testMigrate(t *testing.T, b backend) {
	ctx := t.Context()
	t.Run("twice", func(t *testing.T) {
		db := b.open(t, b.fresh(t))
		s := newStore(t, db, b.dialect)
		p := &pagopa.Position{Organization: "77777777777", IUPD: "A", Status: pagopa.Valid,
			Options: []pagopa.Option{{IUV: "02000000000000184", Amount: 12050}}}
		if err := s.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		before := migrationRows(t, db, "")
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
		if diff := cmp.Diff(before, migrationRows(t, db, "")); diff != "" {
			t.Errorf("schema_migrations changed (-before +after):\n%s", diff)
		}
		if got, err := s.PositionByIUV(ctx, "77777777777", "02000000000000184"); err != nil || got.IUPD != "A" {
			t.Errorf("PositionByIUV after a second Migrate = %v, %v", got, err)
		}
	})
	t.Run("concurrently", func(t *testing.T) {
		where := b.fresh(t)
		const n = 4
		stores := make([]*sqlstore.Store, n)
		for i := range stores {
			s, err := sqlstore.New(b.open(t, where), b.dialect)
			if err != nil {
				t.Fatal(err)
			}
			stores[i] = s
		}
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i, s := range stores {
			wg.Go(func() { errs[i] = s.Migrate(ctx) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
		got := migrationRows(t, b.open(t, where), "")
		if diff := cmp.Diff(allMigrations, got); diff != "" {
			t.Errorf("schema_migrations mismatch, want every migration once (-want +got):\n%s", diff)
		}
		// The schema works from every process.
		for i, s := range stores {
			if n, err := s.NextIUV(ctx, "77777777777", "02"); err != nil || n != uint64(i+1) {
				t.Errorf("NextIUV on store %d = %d, %v; want %d", i, n, err, i+1)
			}
		}
	})
}

// allMigrations are the rows of schema_migrations once every migration
// is applied.
var allMigrations = []string{"1 0001_init.sql", "2 0002_stamps.sql"}

func migrationRows(t testing.TB, db *sql.DB, prefix string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT version, name FROM ` + prefix + `schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v, " ", name))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSQLiteColumns(t *testing.T)     { testColumns(t, sqliteBackend) }
func TestPostgreSQLColumns(t *testing.T) { postgresDSN(t); testColumns(t, postgresBackend) }

// testColumns checks what the Store writes in the columns an operator
// reads, the raw receipt bytes above all.
func testColumns(t *testing.T, b backend) {
	ctx := t.Context()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	db := b.open(t, b.fresh(t))
	s := newStore(t, db, b.dialect, sqlstore.WithTablePrefix("pk_"), sqlstore.WithClock(func() time.Time { return clock }))
	p := &pagopa.Position{Organization: "77777777777", IUPD: "IUPD-1", Status: pagopa.Valid,
		Options: []pagopa.Option{{IUV: "02000000000000184", NAV: "302000000000000184", Amount: 12050}}}
	if err := s.CreatePosition(ctx, p); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name          string
		raw           []byte
		amount        int64
		wantAnomalies string
	}{
		{"XML", []byte("<receipt>\r\n<amount>120.50</amount>\r\n</receipt>"), 12050, ""},
		{"odd bytes", []byte{0, 0xff, 0xfe, 0x80, '\r', '\n', 0x1b, 0xc3, 0x28, 0}, 100, "double_payment"},
		{"empty", []byte{}, 120, "unknown_position"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &pagopa.Receipt{Organization: "77777777777", ReceiptID: fmt.Sprint("R", i), Outcome: "OK",
				IUV: "02000000000000184", NoticeNumber: "302000000000000184", Amount: tc.amount, Raw: tc.raw,
				PaymentDateTime: time.Date(2026, 3, 20, 10, 15, 30, 0, time.FixedZone("CET", 3600))}
			if i == 2 {
				r.IUV = "02000000000000285"
			}
			if _, err := s.SaveReceipt(ctx, r); err != nil {
				t.Fatal(err)
			}
			var raw []byte
			var amount int64
			var anomalies, outcome, iuv, nav string
			err := db.QueryRow(`SELECT raw, amount_cents, anomalies, outcome, iuv, notice_number FROM pk_receipts
				WHERE org = '77777777777' AND receipt_id = '`+r.ReceiptID+`'`).Scan(&raw, &amount, &anomalies, &outcome, &iuv, &nav)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(raw, tc.raw) {
				t.Errorf("raw column = %q; want %q", raw, tc.raw)
			}
			got := []any{amount, anomalies, outcome, iuv, nav}
			want := []any{tc.amount, tc.wantAnomalies, "OK", r.IUV, "302000000000000184"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("receipt columns (-want +got):\n%s", diff)
			}
			stored, err := s.Receipt(ctx, "77777777777", r.ReceiptID)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(stored.Raw, tc.raw) {
				t.Errorf("Receipt().Raw = %q; want %q", stored.Raw, tc.raw)
			}
		})
	}

	var status, nav string
	var version int64
	var created, updated time.Time
	err := db.QueryRow(`SELECT p.status, p.version, p.created_at, p.updated_at, o.nav FROM pk_positions p
		JOIN pk_options o ON o.org = p.org AND o.iupd = p.iupd WHERE p.iupd = 'IUPD-1'`).
		Scan(&status, &version, scanTime{&created}, scanTime{&updated}, &nav)
	if err != nil {
		t.Fatal(err)
	}
	// Created, then paid by R0; R1 found it paid (a double payment)
	// and wrote it back unchanged.
	got := []any{status, version, created.UTC(), updated.UTC(), nav}
	want := []any{"PAID", int64(3), clock, clock, "302000000000000184"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("position columns (-want +got):\n%s", diff)
	}
}

// scanTime scans a timestamptz (PostgreSQL) or TEXT (SQLite) time.
type scanTime struct{ t *time.Time }

func (s scanTime) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*s.t = v
		return nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, v)
		*s.t = t
		return err
	}
	return fmt.Errorf("unexpected %T", v)
}

func TestNew(t *testing.T) {
	db := openSQLite(t, tempSQLite(t))
	cases := []struct {
		name string
		db   *sql.DB
		d    sqlstore.Dialect
		opts []sqlstore.Option
		ok   bool
	}{
		{"SQLite", db, sqlstore.SQLite, nil, true},
		{"PostgreSQL", db, sqlstore.PostgreSQL, nil, true},
		{"prefix", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("pagokit_")}, true},
		{"prefix of 32", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("_2345678901234567890123456789012")}, true},
		{"nil db", nil, sqlstore.SQLite, nil, false},
		{"zero dialect", db, 0, nil, false},
		{"unknown dialect", db, 3, nil, false},
		{"empty prefix", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("")}, false},
		{"prefix of 33", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("a2345678901234567890123456789012x")}, false},
		{"prefix with a quote", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix(`x"; DROP TABLE y; --`)}, false},
		{"prefix with a dot", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("public.")}, false},
		{"prefix starting with a digit", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("1x_")}, false},
		{"prefix not ASCII", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithTablePrefix("città_")}, false},
		{"nil clock", db, sqlstore.SQLite, []sqlstore.Option{sqlstore.WithClock(nil)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sqlstore.New(tc.db, tc.d, tc.opts...)
			if (err == nil) != tc.ok || (s != nil) != tc.ok {
				t.Errorf("New = %v, %v; want ok %v", s, err, tc.ok)
			}
		})
	}
}

func TestDialectString(t *testing.T) {
	for d, want := range map[sqlstore.Dialect]string{
		sqlstore.SQLite: "SQLite", sqlstore.PostgreSQL: "PostgreSQL", 7: "Dialect(7)",
	} {
		if got := d.String(); got != want {
			t.Errorf("Dialect(%d).String() = %q; want %q", int(d), got, want)
		}
	}
}

// TestSQLiteWithoutMigrate checks that a Store used before Migrate fails
// with an error rather than pretending.
func TestSQLiteWithoutMigrate(t *testing.T) {
	s, err := sqlstore.New(openSQLite(t, tempSQLite(t)), sqlstore.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Position(t.Context(), "77777777777", "A"); err == nil || errors.Is(err, pagopa.ErrNotFound) {
		t.Errorf("Position before Migrate = %v; want a database error", err)
	}
	if _, err := s.NextIUV(t.Context(), "77777777777", "02"); err == nil {
		t.Error("NextIUV before Migrate succeeded")
	}
}

// TestSQLiteDeadline checks that a write waiting for SQLite's write lock
// gives up when its context ends: between its attempts, since SQLite's
// own busy wait (busy_timeout) does not watch the context.
func TestSQLiteDeadline(t *testing.T) {
	path := tempSQLite(t)
	newStore(t, openSQLite(t, path), sqlstore.SQLite)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(100)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := sqlstore.New(db, sqlstore.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	// Another process holds the write lock.
	conn, err := openSQLite(t, path).Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")

	cases := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"NextIUV", func(ctx context.Context) error { _, err := s.NextIUV(ctx, "77777777777", "02"); return err }},
		{"CreatePosition", func(ctx context.Context) error {
			return s.CreatePosition(ctx, &pagopa.Position{Organization: "77777777777", IUPD: "A"})
		}},
		{"AppendEvent", func(ctx context.Context) error { return s.AppendEvent(ctx, &pagopa.Event{Kind: pagopa.EventDemand}) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 250*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := tc.call(ctx)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v; want context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("gave up after %v; want about 250ms plus one busy_timeout", d)
			}
		})
	}
}

// TestSQLiteBusyRetried checks that writes outlast a lock held for longer
// than busy_timeout: the Store retries after SQLITE_BUSY.
func TestSQLiteBusyRetried(t *testing.T) {
	path := tempSQLite(t)
	newStore(t, openSQLite(t, path), sqlstore.SQLite)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(20)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := sqlstore.New(db, sqlstore.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := openSQLite(t, path).Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(60*time.Millisecond, func() { conn.ExecContext(context.Background(), "ROLLBACK") })
	if n, err := s.NextIUV(t.Context(), "77777777777", "02"); n != 1 || err != nil {
		t.Errorf("NextIUV = %d, %v; want 1 once the lock is released", n, err)
	}
}

func TestSQLiteDSN(t *testing.T) {
	const settings = "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=mmap_size(268435456)"
	cases := []struct{ path, want string }{
		{"/var/lib/pagokit/pagokit.db", "file:/var/lib/pagokit/pagokit.db" + settings},
		{"pagokit.db", "file:pagokit.db" + settings},
		{"//srv//data/./x.db", "file:/srv/data/x.db" + settings},
		{"/tmp/100%?#x.db", "file:/tmp/100%25%3f%23x.db" + settings},
	}
	for _, tc := range cases {
		if got := sqlstore.SQLiteDSN(tc.path); got != tc.want {
			t.Errorf("SQLiteDSN(%q) = %q; want %q", tc.path, got, tc.want)
		}
	}

	// The DSN opens the file it names, with the settings in force.
	path := filepath.Join(t.TempDir(), "odd 100%?#name.db")
	db := openSQLite(t, path)
	var journal string
	var busy, fk int
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&journal); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA busy_timeout").Scan(&busy); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	var mmap int64
	if err := db.QueryRow("PRAGMA mmap_size").Scan(&mmap); err != nil {
		t.Fatal(err)
	}
	if journal != "wal" || busy != 5000 || fk != 1 || mmap != 256<<20 {
		t.Errorf("journal_mode %s, busy_timeout %d, foreign_keys %d, mmap_size %d; want wal, 5000, 1, %d", journal, busy, fk, mmap, 256<<20)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database file is not where SQLiteDSN pointed: %v", err)
	}
}
