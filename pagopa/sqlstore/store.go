package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pagokit/pagokit/pagopa"
)

// A Dialect is a database the Store works on.
type Dialect int

// The dialects.
const (
	// SQLite 3.35 or newer (for RETURNING), for instance through the
	// pure Go driver modernc.org/sqlite.
	SQLite Dialect = iota + 1
	// PostgreSQL 11 or newer, for instance through the pgx driver
	// (github.com/jackc/pgx/v5/stdlib).
	PostgreSQL
)

// String returns the dialect's name.
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "SQLite"
	case PostgreSQL:
		return "PostgreSQL"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// Store is a pagopa.Store in a SQLite or PostgreSQL database. It is safe
// for concurrent use, also by several processes sharing one database.
// Make one with New, and create its tables with Migrate before using it.
type Store struct {
	db      *sql.DB
	dialect Dialect
	prefix  string
	now     func() time.Time
	q       queries
	// lockKey is the PostgreSQL advisory lock that orders the journal;
	// migrateKey the one that serialises Migrate.
	lockKey, migrateKey int64
	// stmts caches the prepared statements of the read queries by SQL
	// text: preparing dominated a lookup on SQLite.
	stmts sync.Map
	cache positionCache
}

// WithPositionCache sets how many decoded positions the Store keeps to
// skip decoding a position that has not changed since it was last read
// (default 16384, about 2 KiB each for a one-option position; 0 turns
// the cache off). The database is still asked for the position's version
// on every read, so a change made by another replica is seen at once;
// the cache saves reading and decoding the unchanged document.
func WithPositionCache(n int) Option {
	return func(s *Store) error {
		if n < 0 {
			return fmt.Errorf("sqlstore: negative position cache size %d", n)
		}
		s.cache.max = n
		return nil
	}
}

// stmt returns the prepared statement of a read query, preparing it the
// first time; if preparing fails (the schema is not migrated yet, say)
// it returns nil and the caller queries without it.
func (s *Store) stmt(ctx context.Context, query string) *sql.Stmt {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt)
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if old, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt)
	}
	return st
}

// queryRow runs a read query through its prepared statement and scans
// its row into dest.
//
// On SQLite the query runs without the context's cancellation (its
// deadline is checked first): for a cancellable context database/sql and
// the driver each start a goroutine per query to watch it, which cost
// more than the read itself, a B-tree lookup in a local file that waits
// for a writer at most busy_timeout. PostgreSQL reads keep the context,
// as they cross a network.
func (s *Store) queryRow(ctx context.Context, query string, args []any, dest ...any) error {
	if s.dialect == SQLite {
		if err := ctx.Err(); err != nil {
			return err
		}
		ctx = context.WithoutCancel(ctx)
	}
	if st := s.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...).Scan(dest...)
	}
	return s.db.QueryRowContext(ctx, query, args...).Scan(dest...)
}

// Close releases the prepared statements. It does not close the *sql.DB.
func (s *Store) Close() error {
	s.stmts.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		s.stmts.Delete(k)
		return true
	})
	return nil
}

var _ pagopa.Store = (*Store)(nil)

// An Option configures a Store.
type Option func(*Store) error

// WithTablePrefix puts prefix before the name of every table and index
// of the Store (positions, options, receipts, iuv_sequences, events,
// stamp_requests, iubd_uses, contrassegni, schema_migrations), so that
// they can live in a database that has tables of its own. The prefix is
// 1 to 32 ASCII letters, digits and underscores, starting with a letter
// or underscore, such as "pagokit_".
// PostgreSQL callers can also choose a schema with the search_path of
// the connection.
func WithTablePrefix(prefix string) Option {
	return func(s *Store) error {
		if !validPrefix(prefix) {
			return fmt.Errorf("sqlstore: invalid table prefix %q: want 1 to 32 ASCII letters, digits and underscores, not starting with a digit", prefix)
		}
		s.prefix = prefix
		return nil
	}
}

// WithClock sets the clock that dates the rows (created_at, updated_at,
// received_at for receipts with a zero ReceivedAt, and used_at of the
// IUBDs and contrassegni used); time.Now by default.
func WithClock(now func() time.Time) Option {
	return func(s *Store) error {
		if now == nil {
			return errors.New("sqlstore: nil clock")
		}
		s.now = now
		return nil
	}
}

func validPrefix(p string) bool {
	if p == "" || len(p) > 32 || (p[0] >= '0' && p[0] <= '9') {
		return false
	}
	for _, c := range []byte(p) {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// New returns a Store over db, which must have been opened with the
// driver of dialect d (see the package documentation for the settings).
// New does not touch the database: call Migrate to create the tables.
func New(db *sql.DB, d Dialect, opts ...Option) (*Store, error) {
	if db == nil {
		return nil, errors.New("sqlstore: nil *sql.DB")
	}
	if d != SQLite && d != PostgreSQL {
		return nil, fmt.Errorf("sqlstore: unknown dialect %v", d)
	}
	s := &Store{db: db, dialect: d, now: time.Now}
	s.cache.max = 16384
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, err
		}
	}
	s.q = buildQueries(d, s.prefix)
	s.lockKey = lockKey("events", s.prefix)
	s.migrateKey = lockKey("migrate", s.prefix)
	return s, nil
}

// lockKey derives a PostgreSQL advisory lock key from a purpose and the
// table prefix.
func lockKey(purpose, prefix string) int64 {
	h := fnv.New64a()
	h.Write([]byte("pagokit/sqlstore:" + purpose + ":" + prefix))
	return int64(h.Sum64())
}

// queries are the statements of a Store, for its dialect and prefix.
type queries struct {
	insertPosition, insertOption, deleteOptions, updatePosition      string
	selectPosition, lockPosition, selectByIUV, lockByIUV             string
	versionByIUPD, versionByIUV                                      string
	insertReceipt, updateReceipt, selectReceipt                      string
	nextIUV, insertEvent, selectEvents, eventsLock                   string
	createMigrations, selectMigrations, insertMigration, migrateLock string
	migrateUnlock                                                    string
	stamps                                                           stampQueries
}

func buildQueries(d Dialect, prefix string) queries {
	pg := d == PostgreSQL
	forUpdate, forUpdateOfP := "", ""
	if pg {
		forUpdate, forUpdateOfP = " FOR UPDATE", " FOR UPDATE OF p"
	}
	t := func(name string) string { return prefix + name }
	q := queries{
		insertPosition: `INSERT INTO ` + t("positions") + ` (org, iupd, status, doc, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (org, iupd) DO NOTHING`,
		insertOption: `INSERT INTO ` + t("options") + ` (org, iuv, iupd, nav) VALUES (?, ?, ?, ?)
			ON CONFLICT (org, iuv) DO NOTHING`,
		deleteOptions:  `DELETE FROM ` + t("options") + ` WHERE org = ? AND iupd = ?`,
		updatePosition: `UPDATE ` + t("positions") + ` SET status = ?, doc = ?, version = version + 1, updated_at = ? WHERE org = ? AND iupd = ?`,
		selectPosition: `SELECT iupd, version, doc FROM ` + t("positions") + ` WHERE org = ? AND iupd = ?`,
		versionByIUPD:  `SELECT iupd, version FROM ` + t("positions") + ` WHERE org = ? AND iupd = ?`,
		versionByIUV: `SELECT p.iupd, p.version FROM ` + t("options") + ` o JOIN ` + t("positions") + ` p ON p.org = o.org AND p.iupd = o.iupd
			WHERE o.org = ? AND o.iuv = ?`,
		lockPosition: `SELECT doc FROM ` + t("positions") + ` WHERE org = ? AND iupd = ?` + forUpdate,
		selectByIUV: `SELECT p.iupd, p.version, p.doc FROM ` + t("options") + ` o JOIN ` + t("positions") + ` p ON p.org = o.org AND p.iupd = o.iupd
			WHERE o.org = ? AND o.iuv = ?`,
		lockByIUV: `SELECT p.iupd, p.doc FROM ` + t("options") + ` o JOIN ` + t("positions") + ` p ON p.org = o.org AND p.iupd = o.iupd
			WHERE o.org = ? AND o.iuv = ?` + forUpdateOfP,
		insertReceipt: `INSERT INTO ` + t("receipts") + ` (org, receipt_id, iuv, notice_number, amount_cents, payment_date_time,
			outcome, anomalies, doc, raw, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)
			ON CONFLICT (org, receipt_id) DO NOTHING`,
		updateReceipt: `UPDATE ` + t("receipts") + ` SET anomalies = ?, doc = ? WHERE org = ? AND receipt_id = ?`,
		selectReceipt: `SELECT doc, raw FROM ` + t("receipts") + ` WHERE org = ? AND receipt_id = ?`,
		nextIUV: `INSERT INTO ` + t("iuv_sequences") + ` AS s (org, series, last) VALUES (?, ?, 1)
			ON CONFLICT (org, series) DO UPDATE SET last = s.last + 1 RETURNING last`,
		insertEvent: `INSERT INTO ` + t("events") + ` (time, kind, org, iupd, iuv, notice_number, receipt_id, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		selectEvents: `SELECT seq, time, kind, org, iupd, iuv, notice_number, receipt_id, detail FROM ` + t("events") + `
			WHERE seq > ? ORDER BY seq LIMIT ?`,
		eventsLock:    `SELECT pg_advisory_xact_lock(?)`,
		migrateLock:   `SELECT pg_advisory_lock(?)`,
		migrateUnlock: `SELECT pg_advisory_unlock(?)`,
		createMigrations: `CREATE TABLE IF NOT EXISTS ` + t("schema_migrations") + ` (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`,
		selectMigrations: `SELECT version FROM ` + t("schema_migrations"),
		insertMigration:  `INSERT INTO ` + t("schema_migrations") + ` (version, name, applied_at) VALUES (?, ?, ?)`,
	}
	if pg {
		q.createMigrations = `CREATE TABLE IF NOT EXISTS ` + t("schema_migrations") + ` (
			version    bigint PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL)`
		for _, p := range []*string{
			&q.insertPosition, &q.insertOption, &q.deleteOptions, &q.updatePosition,
			&q.selectPosition, &q.lockPosition, &q.selectByIUV, &q.lockByIUV,
			&q.versionByIUPD, &q.versionByIUV,
			&q.insertReceipt, &q.updateReceipt, &q.selectReceipt,
			&q.nextIUV, &q.insertEvent, &q.selectEvents, &q.eventsLock,
			&q.insertMigration, &q.migrateLock, &q.migrateUnlock,
		} {
			*p = numberPlaceholders(*p)
		}
	}
	q.stamps = buildStampQueries(d, prefix)
	return q
}

// numberPlaceholders turns the ? placeholders of a statement into
// PostgreSQL's $1, $2, …. The statements have no ? elsewhere.
func numberPlaceholders(q string) string {
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// sqliteTime is how SQLite columns keep times: UTC, fixed width, so that
// they sort as text.
const sqliteTime = "2006-01-02T15:04:05.000000000Z07:00"

// timeArg returns t as a statement argument of the dialect.
func (s *Store) timeArg(t time.Time) any {
	if s.dialect == PostgreSQL {
		return t.UTC()
	}
	return t.UTC().Format(sqliteTime)
}

// nullTimeArg is timeArg with NULL for the zero time.
func (s *Store) nullTimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return s.timeArg(t)
}

// scanTime scans a time column of either dialect.
type scanTime struct{ t *time.Time }

func (st scanTime) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*st.t = v
	case string:
		return st.parse(v)
	case []byte:
		return st.parse(string(v))
	case nil:
		*st.t = time.Time{}
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a time", v)
	}
	return nil
}

func (st scanTime) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("sqlstore: bad time %q: %w", s, err)
	}
	*st.t = t
	return nil
}

// CreatePosition implements pagopa.Store.
func (s *Store) CreatePosition(ctx context.Context, p *pagopa.Position) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("sqlstore: encoding position %s: %w", p.IUPD, err)
	}
	now := s.timeArg(s.now())
	return s.write(ctx, func(q querier) error {
		res, err := q.ExecContext(ctx, s.q.insertPosition, p.Organization, p.IUPD, string(p.Status), string(doc), now, now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return permanent{fmt.Errorf("%w: position %s", pagopa.ErrExists, p.IUPD)}
		}
		return s.insertOptions(ctx, q, p)
	})
}

// insertOptions indexes the options of p by IUV, failing with ErrExists
// when another position of the ente has one of the IUVs. The IUVs are
// inserted in order, so that two transactions never wait for each other
// in a cycle.
func (s *Store) insertOptions(ctx context.Context, q querier, p *pagopa.Position) error {
	navs := map[string]string{}
	var iuvs []string
	for _, o := range p.Options {
		if _, dup := navs[o.IUV]; !dup {
			iuvs = append(iuvs, o.IUV)
			navs[o.IUV] = o.NAV
		}
	}
	slices.Sort(iuvs)
	for _, iuv := range iuvs {
		res, err := q.ExecContext(ctx, s.q.insertOption, p.Organization, iuv, p.IUPD, navs[iuv])
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return permanent{fmt.Errorf("%w: IUV %s", pagopa.ErrExists, iuv)}
		}
	}
	return nil
}

// UpdatePosition implements pagopa.Store. fn is called again when the
// transaction is retried after a conflict (SQLite's SQLITE_BUSY, a
// PostgreSQL deadlock or serialization failure), each time with a fresh
// copy of the stored position: it should only change the position.
func (s *Store) UpdatePosition(ctx context.Context, org, iupd string, fn func(*pagopa.Position) error) (*pagopa.Position, error) {
	var out *pagopa.Position
	err := s.write(ctx, func(q querier) error {
		var doc []byte
		err := q.QueryRowContext(ctx, s.q.lockPosition, org, iupd).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return permanent{fmt.Errorf("%w: position %s", pagopa.ErrNotFound, iupd)}
		}
		if err != nil {
			return err
		}
		p, err := decodePosition(doc)
		if err != nil {
			return permanent{err}
		}
		if err := fn(p); err != nil {
			return permanent{err}
		}
		if p.Organization != org || p.IUPD != iupd {
			return permanent{fmt.Errorf("%w: the ente and IUPD of a position cannot change", pagopa.ErrInconsistent)}
		}
		if _, err := q.ExecContext(ctx, s.q.deleteOptions, org, iupd); err != nil {
			return err
		}
		if err := s.insertOptions(ctx, q, p); err != nil {
			return err
		}
		if err := s.storePosition(ctx, q, p); err != nil {
			return err
		}
		out = p.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// storePosition writes back a locked position.
func (s *Store) storePosition(ctx context.Context, q querier, p *pagopa.Position) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return permanent{fmt.Errorf("sqlstore: encoding position %s: %w", p.IUPD, err)}
	}
	_, err = q.ExecContext(ctx, s.q.updatePosition, string(p.Status), string(doc), s.timeArg(s.now()), p.Organization, p.IUPD)
	return err
}

func decodePosition(doc []byte) (*pagopa.Position, error) {
	p := new(pagopa.Position)
	if err := json.Unmarshal(doc, p); err != nil {
		return nil, fmt.Errorf("sqlstore: decoding a stored position: %w", err)
	}
	return p, nil
}

// Position implements pagopa.Store.
func (s *Store) Position(ctx context.Context, org, iupd string) (*pagopa.Position, error) {
	return s.readPosition(ctx, s.q.versionByIUPD, s.q.selectPosition, org, iupd, "position "+iupd)
}

// PositionByIUV implements pagopa.Store.
func (s *Store) PositionByIUV(ctx context.Context, org, iuv string) (*pagopa.Position, error) {
	return s.readPosition(ctx, s.q.versionByIUV, s.q.selectByIUV, org, iuv, "IUV "+iuv)
}

// readPosition reads a position with query (iupd, version, doc). With
// the cache on, it first reads only the position's version with
// versionQuery (iupd, version): when the cache holds that version, the
// document is neither read nor decoded.
func (s *Store) readPosition(ctx context.Context, versionQuery, query, org, key, what string) (*pagopa.Position, error) {
	notFound := func(err error) error {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %s", pagopa.ErrNotFound, what)
		}
		return s.wrap(err)
	}
	var iupd string
	var version int64
	if s.cache.max > 0 {
		err := s.retry(ctx, func() error {
			return s.queryRow(ctx, versionQuery, []any{org, key}, &iupd, &version)
		})
		if err != nil {
			return nil, notFound(err)
		}
		if p := s.cache.get(org, iupd, version); p != nil {
			return p, nil
		}
		// Not cached: read the document by IUPD, with the version it
		// has now (it may have changed since).
		query, key = s.q.selectPosition, iupd
	}
	var doc []byte
	err := s.retry(ctx, func() error {
		return s.queryRow(ctx, query, []any{org, key}, &iupd, &version, &doc)
	})
	if err != nil {
		return nil, notFound(err)
	}
	p, err := decodePosition(doc)
	if err != nil {
		return nil, err
	}
	s.cache.put(org, iupd, version, p)
	return p, nil
}

// positionCache keeps decoded positions by (ente, IUPD) with the version
// they were read at: a read that finds the same version in the database
// skips reading and decoding the document, which were most of a lookup.
// Every write bumps the version, so the cache is never stale, also with
// several replicas. It holds at most max entries; when full, an
// arbitrary entry makes room for the new one.
type positionCache struct {
	mu  sync.Mutex
	max int
	m   map[[2]string]cachedPosition
}

type cachedPosition struct {
	version int64
	p       *pagopa.Position
}

func (c *positionCache) get(org, iupd string, version int64) *pagopa.Position {
	if c.max <= 0 {
		return nil
	}
	c.mu.Lock()
	e, ok := c.m[[2]string{org, iupd}]
	c.mu.Unlock()
	if !ok || e.version != version {
		return nil
	}
	return e.p.Clone()
}

func (c *positionCache) put(org, iupd string, version int64, p *pagopa.Position) {
	if c.max <= 0 {
		return
	}
	p = p.Clone()
	k := [2]string{org, iupd}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[[2]string]cachedPosition, min(c.max, 1024))
	}
	if _, ok := c.m[k]; !ok && len(c.m) >= c.max {
		for old := range c.m { // map order: an arbitrary entry
			delete(c.m, old)
			break
		}
	}
	c.m[k] = cachedPosition{version, p}
}

func (c *positionCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// SaveReceipt implements pagopa.Store. In one transaction it inserts the
// receipt unless its (Organization, ReceiptID) is stored already, locks
// the position holding the option with the receipt's IUV, applies the
// receipt to it (pagopa.Position.ApplyReceipt) and records the
// anomalies.
func (s *Store) SaveReceipt(ctx context.Context, r *pagopa.Receipt) (bool, error) {
	received := r.ReceivedAt
	if received.IsZero() {
		received = s.now()
	}
	var stored bool
	var anomalies []pagopa.Anomaly
	err := s.write(ctx, func(q querier) error {
		stored, anomalies = false, nil
		rc := *r
		rc.Anomalies = nil
		doc, err := encodeReceipt(&rc)
		if err != nil {
			return err
		}
		res, err := q.ExecContext(ctx, s.q.insertReceipt, r.Organization, r.ReceiptID, r.IUV, r.NoticeNumber, r.Amount,
			s.nullTimeArg(r.PaymentDateTime), r.Outcome, doc, rawArg(r.Raw), s.timeArg(received))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // a duplicate: stored stays false
		}
		p, err := s.lockPositionByIUV(ctx, q, r.Organization, r.IUV)
		if err != nil {
			return err
		}
		if p != nil {
			rc.Anomalies = p.ApplyReceipt(&rc)
			if err := s.storePosition(ctx, q, p); err != nil {
				return err
			}
		} else {
			rc.Anomalies = []pagopa.Anomaly{pagopa.UnknownPosition}
			if r.Outcome != "" && r.Outcome != "OK" {
				rc.Anomalies = []pagopa.Anomaly{pagopa.OutcomeKO}
			}
		}
		if doc, err = encodeReceipt(&rc); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, s.q.updateReceipt, joinAnomalies(rc.Anomalies), doc, r.Organization, r.ReceiptID); err != nil {
			return err
		}
		stored, anomalies = true, rc.Anomalies
		return nil
	})
	if err != nil {
		return false, err
	}
	if stored {
		r.Anomalies = anomalies
	}
	return stored, nil
}

// lockPositionByIUV returns the position with the option of the IUV,
// locked for update, or nil.
func (s *Store) lockPositionByIUV(ctx context.Context, q querier, org, iuv string) (*pagopa.Position, error) {
	// Under PostgreSQL's READ COMMITTED the option row read may be stale
	// once the position's lock is granted, if a concurrent update moved
	// the IUV: check the locked position and look again.
	for range 5 {
		var iupd string
		var doc []byte
		err := q.QueryRowContext(ctx, s.q.lockByIUV, org, iuv).Scan(&iupd, &doc)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p, err := decodePosition(doc)
		if err != nil {
			return nil, permanent{err}
		}
		if p.Option(iuv) != nil {
			return p, nil
		}
	}
	return nil, errConflict
}

// errConflict is retried as a transaction conflict.
var errConflict = errors.New("sqlstore: concurrent update, retry")

// encodeReceipt returns a receipt as the doc column keeps it: everything
// but Raw, which has a column of its own.
func encodeReceipt(r *pagopa.Receipt) (string, error) {
	c := *r
	c.Raw = nil
	doc, err := json.Marshal(&c)
	if err != nil {
		return "", permanent{fmt.Errorf("sqlstore: encoding receipt %s: %w", r.ReceiptID, err)}
	}
	return string(doc), nil
}

// rawArg keeps a nil Raw NULL and an empty one empty.
func rawArg(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

func joinAnomalies(as []pagopa.Anomaly) string {
	ss := make([]string, len(as))
	for i, a := range as {
		ss[i] = string(a)
	}
	return strings.Join(ss, ",")
}

// Receipt implements pagopa.Store.
func (s *Store) Receipt(ctx context.Context, org, receiptID string) (*pagopa.Receipt, error) {
	var doc, raw []byte
	err := s.retry(ctx, func() error {
		return s.queryRow(ctx, s.q.selectReceipt, []any{org, receiptID}, &doc, &raw)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: receipt %s", pagopa.ErrNotFound, receiptID)
	}
	if err != nil {
		return nil, s.wrap(err)
	}
	r := new(pagopa.Receipt)
	if err := json.Unmarshal(doc, r); err != nil {
		return nil, fmt.Errorf("sqlstore: decoding receipt %s: %w", receiptID, err)
	}
	r.Raw = raw
	return r, nil
}

// NextIUV implements pagopa.Store with one atomic statement.
func (s *Store) NextIUV(ctx context.Context, org, series string) (uint64, error) {
	var last int64
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.q.nextIUV, org, series).Scan(&last)
	})
	if err != nil {
		return 0, s.wrap(err)
	}
	return uint64(last), nil
}

// AppendEvent implements pagopa.Store. On PostgreSQL the appends are
// serialised (a transaction-scoped advisory lock), so that events become
// visible in Seq order and a reader paging with Events never skips one
// that commits late.
func (s *Store) AppendEvent(ctx context.Context, e *pagopa.Event) error {
	var seq int64
	insert := func(q querier) error {
		if s.dialect == PostgreSQL {
			if _, err := q.ExecContext(ctx, s.q.eventsLock, s.lockKey); err != nil {
				return err
			}
		}
		return q.QueryRowContext(ctx, s.q.insertEvent, s.timeArg(e.Time), string(e.Kind), e.Organization, e.IUPD, e.IUV,
			e.NoticeNumber, e.ReceiptID, e.Detail).Scan(&seq)
	}
	var err error
	if s.dialect == PostgreSQL {
		err = s.write(ctx, insert)
	} else {
		// One statement: SQLite orders writers itself.
		err = s.retry(ctx, func() error { return insert(s.db) })
		err = s.wrap(err)
	}
	if err != nil {
		return err
	}
	e.Seq = seq
	return nil
}

// Events implements pagopa.Store.
func (s *Store) Events(ctx context.Context, after int64, limit int) ([]pagopa.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, nil
	}
	var out []pagopa.Event
	err := s.retry(ctx, func() error {
		out = nil
		rows, err := s.db.QueryContext(ctx, s.q.selectEvents, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e pagopa.Event
			var kind string
			if err := rows.Scan(&e.Seq, scanTime{&e.Time}, &kind, &e.Organization, &e.IUPD, &e.IUV,
				&e.NoticeNumber, &e.ReceiptID, &e.Detail); err != nil {
				return err
			}
			e.Kind = pagopa.EventKind(kind)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.wrap(err)
	}
	return out, nil
}
