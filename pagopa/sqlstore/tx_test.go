package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/pagopa"
)

// fakePG and fakeSQLite stand for the drivers' error types.
type fakePG struct{ state string }

func (e fakePG) Error() string    { return "ERROR: something (SQLSTATE " + e.state + ")" }
func (e fakePG) SQLState() string { return e.state }

type fakeSQLite struct {
	code int
	msg  string
}

func (e fakeSQLite) Error() string { return e.msg }
func (e fakeSQLite) Code() int     { return e.code }

func TestErrorClassification(t *testing.T) {
	pg := &Store{dialect: PostgreSQL}
	lite := &Store{dialect: SQLite}
	cases := []struct {
		name                  string
		s                     *Store
		err                   error
		wantUnique, wantRetry bool
	}{
		{"PostgreSQL unique_violation", pg, fakePG{"23505"}, true, false},
		{"PostgreSQL unique_violation, wrapped", pg, fmt.Errorf("insert: %w", fakePG{"23505"}), true, false},
		{"PostgreSQL serialization_failure", pg, fakePG{"40001"}, false, true},
		{"PostgreSQL deadlock_detected", pg, fakePG{"40P01"}, false, true},
		{"PostgreSQL foreign_key_violation", pg, fakePG{"23503"}, false, false},
		{"PostgreSQL error text without SQLSTATE", pg, errors.New("UNIQUE constraint failed: x"), false, false},
		{"SQLite SQLITE_CONSTRAINT_UNIQUE", lite, fakeSQLite{2067, "constraint failed"}, true, false},
		{"SQLite SQLITE_CONSTRAINT_PRIMARYKEY", lite, fakeSQLite{1555, "constraint failed"}, true, false},
		{"SQLite primary code, message", lite, fakeSQLite{19, "constraint failed: UNIQUE constraint failed: options.org, options.iuv (19)"}, true, false},
		{"SQLite NOT NULL", lite, fakeSQLite{1299, "NOT NULL constraint failed: t.x"}, false, false},
		{"SQLite SQLITE_BUSY", lite, fakeSQLite{5, "database is locked (5) (SQLITE_BUSY)"}, false, true},
		{"SQLite SQLITE_BUSY_SNAPSHOT", lite, fakeSQLite{517, "database is locked"}, false, true},
		{"SQLite SQLITE_LOCKED", lite, fakeSQLite{6, "database table is locked"}, false, true},
		{"SQLite busy, message only", lite, errors.New("database is locked"), false, true},
		{"SQLite other", lite, fakeSQLite{1, "SQL logic error"}, false, false},
		{"a conflict found by the store", pg, errConflict, false, true},
		{"context canceled", lite, errors.Join(fakeSQLite{5, "busy"}, context.Canceled), false, false},
		{"permanent", lite, permanent{fakeSQLite{5, "busy"}}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.uniqueViolation(tc.err); got != tc.wantUnique {
				t.Errorf("uniqueViolation = %v; want %v", got, tc.wantUnique)
			}
			if got := tc.s.retryable(tc.err); got != tc.wantRetry {
				t.Errorf("retryable = %v; want %v", got, tc.wantRetry)
			}
			if got := errors.Is(tc.s.wrap(tc.err), pagopa.ErrExists); got != (tc.wantUnique && !errors.Is(tc.err, context.Canceled)) {
				t.Errorf("wrap(err) is ErrExists: %v; want %v", got, tc.wantUnique)
			}
		})
	}
}

// TestDriverErrors checks the classification on the errors the real
// drivers return.
func TestDriverErrors(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.db")
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		testDriverErrors(t, &Store{dialect: SQLite}, db, "t", "?")

		// SQLITE_BUSY: another connection holds the write lock and
		// busy_timeout is 0.
		conn, err := db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(context.Background(), "ROLLBACK")
		other, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		_, err = other.Exec("INSERT INTO t (k) VALUES ('busy')")
		if err == nil || !(&Store{dialect: SQLite}).retryable(err) {
			t.Errorf("insert while locked: %v (%T); want a retryable SQLITE_BUSY", err, err)
		}
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		dsn := os.Getenv("PAGOKIT_POSTGRES_DSN")
		if dsn == "" {
			if testenv.InCI() {
				t.Fatal("PostgreSQL suite needs PAGOKIT_POSTGRES_DSN (CI is set)")
			}
			t.Skip("set PAGOKIT_POSTGRES_DSN to run the PostgreSQL part")
		}
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		s := &Store{dialect: PostgreSQL}
		table := fmt.Sprintf("pagokit_tx_test_%d_%x", os.Getpid(), rand.Uint64())
		t.Cleanup(func() { db.Exec("DROP TABLE IF EXISTS " + table) })
		testDriverErrors(t, s, db, table, "$1")

		// serialization_failure: a REPEATABLE READ transaction updates
		// a row that another transaction changed after its snapshot.
		tx, err := db.BeginTx(t.Context(), &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var k string
		if err := tx.QueryRow("SELECT k FROM " + table + " WHERE k = 'a'").Scan(&k); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE " + table + " SET k = 'b' WHERE k = 'a'"); err != nil {
			t.Fatal(err)
		}
		_, err = tx.Exec("UPDATE " + table + " SET k = 'c' WHERE k = 'a'")
		if err == nil || !s.retryable(err) || s.uniqueViolation(err) {
			t.Errorf("update after a concurrent update: %v (%T); want a retryable serialization failure", err, err)
		}
	})
}

// execQuerier is a *sql.DB or *sql.Conn.
type execQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// testDriverErrors creates table with one row, 'a', and provokes a
// unique violation.
func testDriverErrors(t *testing.T, s *Store, db execQuerier, table, ph string) {
	t.Helper()
	ctx := t.Context()
	if _, err := db.ExecContext(ctx, "CREATE TABLE "+table+" (k TEXT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO "+table+" (k) VALUES ("+ph+")", "a"); err != nil {
		t.Fatal(err)
	}
	_, err := db.ExecContext(ctx, "INSERT INTO "+table+" (k) VALUES ("+ph+")", "a")
	if err == nil {
		t.Fatal("duplicate insert succeeded")
	}
	if !s.uniqueViolation(err) || s.retryable(err) || !errors.Is(s.wrap(err), pagopa.ErrExists) {
		t.Errorf("duplicate insert: %v (%T); want a unique violation, not retryable, wrapped as ErrExists", err, err)
	}
}

func TestRetryHonoursContext(t *testing.T) {
	s := &Store{dialect: SQLite}
	busy := fakeSQLite{5, "database is locked"}
	t.Run("gives up after maxAttempts", func(t *testing.T) {
		n := 0
		err := s.retry(t.Context(), func() error { n++; return busy })
		if n != maxAttempts || !errors.Is(err, busy) {
			t.Errorf("retry = %v after %d attempts; want %v after %d", err, n, busy, maxAttempts)
		}
	})
	t.Run("stops when the context ends", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		n := 0
		err := s.retry(ctx, func() error {
			n++
			cancel()
			return busy
		})
		if n != 1 || !errors.Is(err, context.Canceled) || !errors.Is(err, busy) {
			t.Errorf("retry = %v after %d attempts; want the busy error and context.Canceled after 1", err, n)
		}
	})
	t.Run("does not retry other errors", func(t *testing.T) {
		n := 0
		other := errors.New("no such table")
		start := time.Now()
		err := s.retry(t.Context(), func() error { n++; return other })
		if n != 1 || err != other || time.Since(start) > time.Second {
			t.Errorf("retry = %v after %d attempts; want %v after 1", err, n, other)
		}
	})
	t.Run("succeeds after conflicts", func(t *testing.T) {
		n := 0
		err := s.retry(t.Context(), func() error {
			if n++; n < 3 {
				return busy
			}
			return nil
		})
		if n != 3 || err != nil {
			t.Errorf("retry = %v after %d attempts; want nil after 3", err, n)
		}
	})
}

func TestSplitStatements(t *testing.T) {
	src := "-- a comment; with a semicolon\nCREATE TABLE a (\n\tx TEXT -- inline\n);\n\n  -- another\nCREATE INDEX i ON a (x);\nSELECT 1"
	got := splitStatements(src)
	want := []string{"CREATE TABLE a (\n\tx TEXT -- inline\n)", "CREATE INDEX i ON a (x)", "SELECT 1"}
	if len(got) != len(want) {
		t.Fatalf("splitStatements = %q; want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d = %q; want %q", i, got[i], want[i])
		}
	}
}

func TestMigrationFiles(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		ms, err := migrations(d, "p_")
		if err != nil {
			t.Fatalf("%v: %v", d, err)
		}
		if len(ms) == 0 || ms[0].version != 1 {
			t.Fatalf("%v: migrations %v; want version 1 first", d, ms)
		}
		for i, m := range ms {
			if m.version != i+1 {
				t.Errorf("%v: migration %s has version %d; want %d (no gaps)", d, m.name, m.version, i+1)
			}
			for _, st := range m.statements {
				if strings.Contains(st, "{{") || !strings.Contains(st, "p_") {
					t.Errorf("%v: %s: statement without the prefix in place: %q", d, m.name, st)
				}
			}
		}
	}
}
