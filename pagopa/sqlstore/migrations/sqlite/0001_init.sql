-- pagokit sqlstore schema, version 1 (SQLite). {{prefix}} is the table
-- prefix chosen with WithTablePrefix. Times are TEXT in UTC with nine
-- fractional digits (2006-01-02T15:04:05.000000000Z), so that they sort.

-- Debt positions: the position as JSON (GPD's model), with the columns
-- that identify and select it.
CREATE TABLE {{prefix}}positions (
	org        TEXT    NOT NULL,
	iupd       TEXT    NOT NULL,
	status     TEXT    NOT NULL,
	doc        TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	created_at TEXT    NOT NULL,
	updated_at TEXT    NOT NULL,
	PRIMARY KEY (org, iupd)
);

-- The options of the positions by IUV: the primary key keeps an IUV to
-- one position of the ente.
CREATE TABLE {{prefix}}options (
	org  TEXT NOT NULL,
	iuv  TEXT NOT NULL,
	iupd TEXT NOT NULL,
	nav  TEXT NOT NULL,
	PRIMARY KEY (org, iuv),
	FOREIGN KEY (org, iupd) REFERENCES {{prefix}}positions (org, iupd) ON DELETE CASCADE
);
CREATE INDEX {{prefix}}options_position ON {{prefix}}options (org, iupd);
CREATE INDEX {{prefix}}options_nav ON {{prefix}}options (org, nav);

-- Receipts: the normalised receipt as JSON, the element as received in
-- raw, byte for byte, and the columns an operator searches by. Amounts
-- are euro cents.
CREATE TABLE {{prefix}}receipts (
	org               TEXT    NOT NULL,
	receipt_id        TEXT    NOT NULL,
	iuv               TEXT    NOT NULL,
	notice_number     TEXT    NOT NULL,
	amount_cents      INTEGER NOT NULL,
	payment_date_time TEXT,
	outcome           TEXT    NOT NULL,
	anomalies         TEXT    NOT NULL,
	doc               TEXT    NOT NULL,
	raw               BLOB,
	received_at       TEXT    NOT NULL,
	PRIMARY KEY (org, receipt_id)
);
CREATE INDEX {{prefix}}receipts_iuv ON {{prefix}}receipts (org, iuv);

-- The last value drawn from each IUV sequence.
CREATE TABLE {{prefix}}iuv_sequences (
	org    TEXT    NOT NULL,
	series TEXT    NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (org, series)
);

-- The journal. AUTOINCREMENT: a sequence number is never used twice.
CREATE TABLE {{prefix}}events (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	time          TEXT NOT NULL,
	kind          TEXT NOT NULL,
	org           TEXT NOT NULL,
	iupd          TEXT NOT NULL,
	iuv           TEXT NOT NULL,
	notice_number TEXT NOT NULL,
	receipt_id    TEXT NOT NULL,
	detail        TEXT NOT NULL
);
CREATE INDEX {{prefix}}events_position ON {{prefix}}events (org, iupd);
