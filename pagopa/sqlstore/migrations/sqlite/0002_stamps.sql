-- pagokit sqlstore schema, version 2 (SQLite): @e.bollo. {{prefix}} is
-- the table prefix chosen with WithTablePrefix. Times are TEXT in UTC
-- with nine fractional digits, as in version 1.

-- The stamps asked for in paGetPaymentV2 answers (richiestaMarcaDaBollo),
-- kept to check the MBD that paSendRTV2 brings back. The same request
-- asked again replaces the row. Amounts are euro cents.
CREATE TABLE {{prefix}}stamp_requests (
	org           TEXT    NOT NULL,
	notice_number TEXT    NOT NULL,
	transfer_id   INTEGER NOT NULL,
	hash_document TEXT    NOT NULL,
	iuv           TEXT    NOT NULL,
	amount_cents  INTEGER NOT NULL,
	stamp_type    TEXT    NOT NULL,
	province      TEXT    NOT NULL,
	requested_at  TEXT    NOT NULL,
	PRIMARY KEY (org, notice_number, transfer_id, hash_document)
);

-- The IUBDs used, each with the receipt that used it first: the primary
-- key lets one stamp pay for one document only.
CREATE TABLE {{prefix}}iubd_uses (
	iubd       TEXT NOT NULL PRIMARY KEY,
	receipt_id TEXT NOT NULL,
	used_at    TEXT NOT NULL
);

-- The contrassegni telematici (paper stamps) declared, each with the time
-- of issue and the document (use_ref) of its first use.
CREATE TABLE {{prefix}}contrassegni (
	id        TEXT NOT NULL PRIMARY KEY,
	issued_at TEXT NOT NULL,
	use_ref   TEXT NOT NULL,
	used_at   TEXT NOT NULL
);
