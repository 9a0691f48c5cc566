// Package sqlstore is a pagopa.Store in a SQL database through
// database/sql: SQLite (3.35 or newer) for a single server, PostgreSQL
// (11 or newer) for several replicas of an endpoint sharing one database.
// The Store is also a pagopa.StampStore: it keeps the @e.bollo stamps
// asked for in paGetPaymentV2 answers and, with IUBDs and Contrassegni,
// the registries of the digital stamps (bollo.Registry) and of the paper
// contrassegni telematici (bollo.ContrassegnoRegistry) already used.
//
// The package imports no driver: the program chooses one, opens a
// *sql.DB and passes it to New with the Dialect, then calls Migrate once
// at start-up (it is idempotent and safe to run from every replica at
// once). The tests use modernc.org/sqlite (pure Go, driver name "sqlite")
// and github.com/jackc/pgx/v5/stdlib (driver name "pgx").
//
//	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN("/var/lib/pagokit/pagokit.db"))
//	...
//	store, err := sqlstore.New(db, sqlstore.SQLite)
//	...
//	err = store.Migrate(ctx)
//
// # SQLite settings
//
// With modernc.org/sqlite, open the database file with the DSN that
// SQLiteDSN returns:
//
//	file:PATH?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=mmap_size(268435456)
//
// busy_timeout (milliseconds) is needed as soon as more than one
// connection writes, whether from one *sql.DB with several connections
// or from several processes: it is how long SQLite waits for the write
// lock before failing with SQLITE_BUSY, after which the Store tries again
// a few times. SQLite's wait does not watch the context, so a call may
// outlast its context by up to one busy_timeout while another connection
// holds the lock; the Store checks the context between attempts. WAL lets
// readers run while a writer writes. foreign_keys makes SQLite enforce
// that every option belongs to a stored position. mmap_size lets SQLite
// read the file through a memory map of up to 256 MiB instead of one
// pread system call per page, which took a third of the system calls of
// a verification (an I/O error on a mapped file ends the process with
// SIGBUS rather than an error: leave it out for a database on a network
// file system). Keep synchronous at its
// default (FULL): a receipt acknowledged to the Nodo must survive a power
// cut, and the Nodo does not send it again.
//
// The Store begins its write transactions itself with BEGIN IMMEDIATE on
// a connection of its own, so that a transaction holds the write lock
// from its first statement and cannot fail half way with SQLITE_BUSY
// because another connection wrote first; the driver's _txlock setting
// is therefore not needed (_txlock=immediate does no harm). Reads are
// single statements outside transactions. Bound the pool, for instance
// db.SetMaxOpenConns(8) and db.SetMaxIdleConns(8): SQLite writes one
// transaction at a time however many connections wait.
//
// # PostgreSQL settings
//
// With pgx, open the database with sql.Open("pgx", dsn) and a DSN such
// as
//
//	postgres://pagokit:SECRET@db.example.org:5432/pagokit?sslmode=verify-full
//
// The tables go into the first schema of the connection's search_path;
// add search_path=SCHEMA to the DSN to choose another, or use
// WithTablePrefix. The Store works at the default READ COMMITTED
// isolation, locking the rows it changes (SELECT … FOR UPDATE), and also
// at REPEATABLE READ or SERIALIZABLE, where it retries the serialization
// failures. Keep the pool of every replica (db.SetMaxOpenConns) well
// below the server's max_connections divided by the replicas. Migrate
// takes a session-level advisory lock, so run it over a direct connection
// or a session-pooling proxy, not a transaction-pooling one.
//
// # Correctness with several replicas
//
//   - SaveReceipt inserts the receipt with INSERT … ON CONFLICT DO
//     NOTHING and only when a row was inserted locks the position,
//     applies the receipt (pagopa.Position.ApplyReceipt) and writes both
//     back, in one transaction: of any number of concurrent deliveries of
//     one receipt exactly one returns true.
//   - NextIUV is one statement, INSERT … ON CONFLICT (org, series) DO
//     UPDATE SET last = last + 1 RETURNING last: no value is given twice.
//   - UpdatePosition reads the position with a row lock, calls its
//     function on a decoded copy, re-indexes the options and writes the
//     position back in one transaction. The primary key (org, iuv) of the
//     options table keeps every IUV to one position of the ente.
//   - AppendEvent, on PostgreSQL, takes a transaction-scoped advisory
//     lock, so that events commit in Seq order and a reader paging
//     through Events never skips one.
//   - The Use of IUBDs and the UseContrassegno of Contrassegni insert the
//     identifier with INSERT … ON CONFLICT DO NOTHING and, when no row
//     was inserted, read back the first use: of any number of concurrent
//     uses of one IUBD or contrassegno exactly one succeeds, and the
//     others get a *bollo.UsedError or *bollo.ContrassegnoUsedError
//     naming it.
//   - SaveStampRequest is one statement, INSERT … ON CONFLICT DO UPDATE:
//     the latest request with a key replaces the others.
//
// Unique violations map to pagopa.ErrExists: the Store recognises
// PostgreSQL's SQLSTATE 23505 through the error's SQLState() string
// method, and SQLite's through the error's Code() int method (the
// extended codes 2067 and 1555) or the message "UNIQUE constraint
// failed", without importing a driver. Transaction conflicts (SQLite's
// SQLITE_BUSY and SQLITE_LOCKED, PostgreSQL's 40001 and 40P01) are
// retried up to 6 times in all with a jittered backoff of 1 ms to 250 ms,
// stopping when the context ends; an UpdatePosition function may
// therefore run more than once, each time on a fresh copy.
//
// # Schema
//
// Migrate applies numbered migrations embedded in the package (one set
// per dialect) and records them in the table schema_migrations. Every
// table name takes the prefix of WithTablePrefix.
//
//	positions      (org, iupd) primary key; status; doc: the position as
//	               JSON (GPD's model); version, counting the writes;
//	               created_at, updated_at
//	options        (org, iuv) primary key → iupd; nav (the notice number,
//	               empty when derived from the IUV)
//	receipts       (org, receipt_id) primary key; iuv, notice_number,
//	               amount_cents, payment_date_time, outcome, anomalies
//	               (comma-separated); doc: the normalised receipt as JSON
//	               without Raw; raw: the receipt element as received
//	               (BLOB, bytea); received_at
//	iuv_sequences  (org, series) primary key; last
//	events         seq (AUTOINCREMENT, identity); time, kind, org, iupd,
//	               iuv, notice_number, receipt_id, detail
//	stamp_requests (org, notice_number, transfer_id, hash_document)
//	               primary key; iuv, amount_cents, stamp_type, province,
//	               requested_at (schema version 2)
//	iubd_uses      iubd primary key; receipt_id of the first use, used_at
//	               (version 2)
//	contrassegni   id primary key; issued_at and use_ref (the document) of
//	               the first use, used_at (version 2)
//
// Amounts are integer euro cents. Positions and receipts come back from
// their JSON: their times keep the nanosecond and the UTC offset. The
// times of events, stamp requests and contrassegni are timestamptz
// columns on PostgreSQL and keep the microsecond; on SQLite they are
// TEXT in UTC with nine fractional digits. Neither keeps the UTC offset.
// used_at comes from the Store's clock (WithClock).
package sqlstore
