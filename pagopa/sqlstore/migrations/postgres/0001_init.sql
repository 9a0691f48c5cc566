-- pagokit sqlstore schema, version 1 (PostgreSQL). {{prefix}} is the
-- table prefix chosen with WithTablePrefix.

-- Debt positions: the position as JSON (GPD's model), with the columns
-- that identify and select it.
CREATE TABLE {{prefix}}positions (
	org        text        NOT NULL,
	iupd       text        NOT NULL,
	status     text        NOT NULL,
	doc        json        NOT NULL,
	version    bigint      NOT NULL,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (org, iupd)
);

-- The options of the positions by IUV: the primary key keeps an IUV to
-- one position of the ente, across every replica.
CREATE TABLE {{prefix}}options (
	org  text NOT NULL,
	iuv  text NOT NULL,
	iupd text NOT NULL,
	nav  text NOT NULL,
	PRIMARY KEY (org, iuv),
	FOREIGN KEY (org, iupd) REFERENCES {{prefix}}positions (org, iupd) ON DELETE CASCADE
);
CREATE INDEX {{prefix}}options_position ON {{prefix}}options (org, iupd);
CREATE INDEX {{prefix}}options_nav ON {{prefix}}options (org, nav);

-- Receipts: the normalised receipt as JSON, the element as received in
-- raw, byte for byte, and the columns an operator searches by. Amounts
-- are euro cents.
CREATE TABLE {{prefix}}receipts (
	org               text        NOT NULL,
	receipt_id        text        NOT NULL,
	iuv               text        NOT NULL,
	notice_number     text        NOT NULL,
	amount_cents      bigint      NOT NULL,
	payment_date_time timestamptz,
	outcome           text        NOT NULL,
	anomalies         text        NOT NULL,
	doc               json        NOT NULL,
	raw               bytea,
	received_at       timestamptz NOT NULL,
	PRIMARY KEY (org, receipt_id)
);
CREATE INDEX {{prefix}}receipts_iuv ON {{prefix}}receipts (org, iuv);

-- The last value drawn from each IUV sequence.
CREATE TABLE {{prefix}}iuv_sequences (
	org    text   NOT NULL,
	series text   NOT NULL,
	last   bigint NOT NULL,
	PRIMARY KEY (org, series)
);

-- The journal.
CREATE TABLE {{prefix}}events (
	seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	time          timestamptz NOT NULL,
	kind          text        NOT NULL,
	org           text        NOT NULL,
	iupd          text        NOT NULL,
	iuv           text        NOT NULL,
	notice_number text        NOT NULL,
	receipt_id    text        NOT NULL,
	detail        text        NOT NULL
);
CREATE INDEX {{prefix}}events_position ON {{prefix}}events (org, iupd);
