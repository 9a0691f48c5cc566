package sqlstore

import (
	"context"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The migrations, one directory per dialect. A file is named
// NNNN_description.sql; its statements end with a semicolon at the end of
// a line, and {{prefix}} stands for the table prefix.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

type migration struct {
	version    int
	name       string
	statements []string
}

func (d Dialect) migrationDir() string {
	if d == PostgreSQL {
		return "migrations/postgres"
	}
	return "migrations/sqlite"
}

// migrations returns the dialect's migrations in order, with the prefix
// in place.
func migrations(d Dialect, prefix string) ([]migration, error) {
	dir := d.migrationDir()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || path.Ext(e.Name()) != ".sql" {
			return nil, fmt.Errorf("sqlstore: bad migration file name %s", e.Name())
		}
		b, err := migrationFiles.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{
			version:    v,
			name:       e.Name(),
			statements: splitStatements(strings.ReplaceAll(string(b), "{{prefix}}", prefix)),
		})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("sqlstore: two migrations numbered %d", ms[i].version)
		}
	}
	return ms, nil
}

// splitStatements splits a migration into statements: lines up to one
// that ends with a semicolon, leaving out comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(src) {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// Migrate creates the Store's tables, or brings them to the schema of
// this version of the package, applying the embedded migrations that the
// schema_migrations table does not list yet. It is idempotent, and safe
// to run at the same time from several processes: on PostgreSQL they
// queue on an advisory lock (so Migrate needs a session-level connection,
// not a transaction-pooling proxy), on SQLite on the database's write
// lock, and each finds the migrations the first one applied.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, 0)
}

// migrate applies the pending migrations up to version upTo, or all of
// them when upTo is 0.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := migrations(s.dialect, s.prefix)
	if err != nil {
		return err
	}
	if upTo > 0 {
		ms = slices.DeleteFunc(ms, func(m migration) bool { return m.version > upTo })
	}
	if s.dialect == SQLite {
		// One transaction for all: SQLite's DDL is transactional.
		return s.write(ctx, func(q querier) error {
			todo, err := s.pending(ctx, q, ms)
			if err != nil {
				return err
			}
			for _, m := range todo {
				if err := s.apply(ctx, q, m); err != nil {
					return err
				}
			}
			return nil
		})
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, s.q.migrateLock, s.migrateKey); err != nil {
		return s.wrap(err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), s.q.migrateUnlock, s.migrateKey); err != nil {
			// Closing the session releases the lock.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	todo, err := s.pending(ctx, conn, ms)
	if err != nil {
		return s.wrap(err)
	}
	// One transaction for each migration: PostgreSQL's DDL is
	// transactional too.
	for _, m := range todo {
		if err := postgresTx(ctx, conn, func(q querier) error { return s.apply(ctx, q, m) }); err != nil {
			return s.wrap(err)
		}
	}
	return nil
}

// pending creates the schema_migrations table if needed and returns the
// migrations it does not list.
func (s *Store) pending(ctx context.Context, q querier, ms []migration) ([]migration, error) {
	if _, err := q.ExecContext(ctx, s.q.createMigrations); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, s.q.selectMigrations)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var todo []migration
	for _, m := range ms {
		if !applied[m.version] {
			todo = append(todo, m)
		}
	}
	return todo, nil
}

// apply runs a migration and records it.
func (s *Store) apply(ctx context.Context, q querier, m migration) error {
	for _, st := range m.statements {
		if _, err := q.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	_, err := q.ExecContext(ctx, s.q.insertMigration, m.version, m.name, s.timeArg(s.now()))
	return err
}
