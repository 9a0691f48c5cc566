package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pagokit/pagokit/pagopa"
)

// querier is what the statements run on: a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// permanent marks an error that ends a transaction for good: it is not
// retried, and reaches the caller unwrapped.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Retries: after a conflict the store tries again up to maxAttempts
// times in all, waiting a jittered, doubling backoff.
const (
	maxAttempts = 6
	minBackoff  = 2 * time.Millisecond
	maxBackoff  = 250 * time.Millisecond
)

// retry runs op until it succeeds, fails for a reason other than a
// transaction conflict, or runs out of attempts or of ctx.
func (s *Store) retry(ctx context.Context, op func() error) error {
	backoff := minBackoff
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil || attempt == maxAttempts || !s.retryable(err) {
			return err
		}
		// Full jitter in [backoff/2, backoff).
		d := backoff/2 + rand.N(backoff/2)
		backoff = min(2*backoff, maxBackoff)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
	}
}

// retryable reports whether err is a transaction conflict worth another
// try: SQLite's SQLITE_BUSY and SQLITE_LOCKED (also after busy_timeout
// ran out), PostgreSQL's serialization_failure (40001) and
// deadlock_detected (40P01).
func (s *Store) retryable(err error) bool {
	var p permanent
	if errors.As(err, &p) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, errConflict) {
		return true
	}
	if s.dialect == PostgreSQL {
		switch sqlState(err) {
		case "40001", "40P01":
			return true
		}
		return false
	}
	// modernc.org/sqlite's *sqlite.Error has Code() int, the (extended)
	// result code; the primary code is its low byte.
	var c interface{ Code() int }
	if errors.As(err, &c) {
		switch c.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "database table is locked")
}

// sqlState returns the SQLSTATE of a PostgreSQL error, through the
// SQLState method of pgx's *pgconn.PgError (lib/pq's *pq.Error has it
// too), or "".
func sqlState(err error) string {
	var e interface{ SQLState() string }
	if errors.As(err, &e) {
		return e.SQLState()
	}
	return ""
}

// uniqueViolation reports whether err is a unique constraint violation:
// SQLSTATE 23505 on PostgreSQL; on SQLite the extended result codes
// SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555),
// or the message "UNIQUE constraint failed" for drivers that report
// primary codes only.
func (s *Store) uniqueViolation(err error) bool {
	if s.dialect == PostgreSQL {
		return sqlState(err) == "23505"
	}
	var c interface{ Code() int }
	if errors.As(err, &c) && (c.Code() == 2067 || c.Code() == 1555) {
		return true
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// wrap returns the error of a statement as the store reports it: a
// unique violation as pagopa.ErrExists, a context error as it is, any
// other error prefixed with the package name. A permanent error comes
// back unwrapped.
func (s *Store) wrap(err error) error {
	var p permanent
	switch {
	case err == nil:
		return nil
	case errors.As(err, &p):
		return p.err
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	case s.uniqueViolation(err):
		return fmt.Errorf("%w: %w", pagopa.ErrExists, err)
	}
	return fmt.Errorf("sqlstore: %w", err)
}

// write runs fn in a write transaction, retried after conflicts. On
// PostgreSQL it is a READ COMMITTED transaction whose statements lock the
// rows they change (SELECT … FOR UPDATE); on SQLite a transaction begun
// with BEGIN IMMEDIATE on a connection of its own, so that it holds the
// database's write lock from its first statement and never fails half
// way because another writer came first.
func (s *Store) write(ctx context.Context, fn func(querier) error) error {
	err := s.retry(ctx, func() error {
		if s.dialect == PostgreSQL {
			return postgresTx(ctx, s.db, fn)
		}
		return sqliteTx(ctx, s.db, fn)
	})
	return s.wrap(err)
}

// postgresTx runs fn in a transaction of db, a *sql.DB or *sql.Conn.
func postgresTx(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, fn func(querier) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// sqliteTx runs fn between BEGIN IMMEDIATE and COMMIT on a connection of
// its own. It does not depend on the driver's own transaction settings
// (such as modernc.org/sqlite's _txlock).
func sqliteTx(ctx context.Context, db *sql.DB, fn func(querier) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		rollback(conn)
		return err
	}
	if err := fn(conn); err != nil {
		rollback(conn)
		return err
	}
	// Once the work is done, a cancelled ctx does not stop the commit.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), "COMMIT"); err != nil {
		rollback(conn)
		return err
	}
	return nil
}

// rollback ends the transaction of conn. If that fails for another
// reason than there being none (SQLite rolls back by itself after some
// errors), the connection is discarded rather than returned to the pool
// inside a transaction.
func rollback(conn *sql.Conn) {
	_, err := conn.ExecContext(context.Background(), "ROLLBACK")
	if err != nil && !strings.Contains(err.Error(), "no transaction is active") {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}
