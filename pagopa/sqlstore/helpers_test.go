package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "modernc.org/sqlite"             // the "sqlite" driver

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

// openSQLite opens the SQLite database file path with the settings of
// SQLiteDSN.
func openSQLite(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	t.Cleanup(func() { db.Close() })
	return db
}

// tempSQLite returns the path of a new SQLite database file.
func tempSQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "pagokit.db")
}

// newStore returns a migrated Store over db.
func newStore(t testing.TB, db *sql.DB, d sqlstore.Dialect, opts ...sqlstore.Option) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(db, d, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

// postgresEnv names the DSN of a PostgreSQL database the tests may
// create schemas in.
const postgresEnv = "PAGOKIT_POSTGRES_DSN"

// postgresDSN returns $PAGOKIT_POSTGRES_DSN, or stops the test: skipped
// outside CI, failed in CI.
func postgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(postgresEnv)
	if dsn == "" {
		if testenv.InCI() {
			t.Fatalf("PostgreSQL suite needs %s (CI is set)", postgresEnv)
		}
		t.Skipf("PostgreSQL suite: set %s to a database the tests may create schemas in, such as postgres://postgres@127.0.0.1:55432/pagokit_test?sslmode=disable", postgresEnv)
	}
	return dsn
}

// newPostgresSchema creates a schema of its own for the test, dropped at
// its end, and returns a DSN whose search_path selects it.
func newPostgresSchema(t testing.TB) string {
	t.Helper()
	dsn := postgresDSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("pagokit_test_%d_%x", os.Getpid(), rand.Uint64())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("creating schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
		admin.Close()
	})
	return withSearchPath(t, dsn, schema)
}

// withSearchPath adds search_path to a URL or keyword/value DSN.
func withSearchPath(t testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("%s: %v", postgresEnv, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// openPostgres opens a PostgreSQL database with a bounded pool.
func openPostgres(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(10)
	t.Cleanup(func() { db.Close() })
	return db
}
