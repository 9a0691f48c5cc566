-- pagokit sqlstore schema, version 2 (PostgreSQL): @e.bollo. {{prefix}}
-- is the table prefix chosen with WithTablePrefix.

-- The stamps asked for in paGetPaymentV2 answers (richiestaMarcaDaBollo),
-- kept to check the MBD that paSendRTV2 brings back. The same request
-- asked again replaces the row. Amounts are euro cents.
CREATE TABLE {{prefix}}stamp_requests (
	org           text        NOT NULL,
	notice_number text        NOT NULL,
	transfer_id   bigint      NOT NULL,
	hash_document text        NOT NULL,
	iuv           text        NOT NULL,
	amount_cents  bigint      NOT NULL,
	stamp_type    text        NOT NULL,
	province      text        NOT NULL,
	requested_at  timestamptz NOT NULL,
	PRIMARY KEY (org, notice_number, transfer_id, hash_document)
);

-- The IUBDs used, each with the receipt that used it first: the primary
-- key lets one stamp pay for one document only, across every replica.
CREATE TABLE {{prefix}}iubd_uses (
	iubd       text        NOT NULL PRIMARY KEY,
	receipt_id text        NOT NULL,
	used_at    timestamptz NOT NULL
);

-- The contrassegni telematici (paper stamps) declared, each with the time
-- of issue and the document (use_ref) of its first use.
CREATE TABLE {{prefix}}contrassegni (
	id        text        NOT NULL PRIMARY KEY,
	issued_at timestamptz NOT NULL,
	use_ref   text        NOT NULL,
	used_at   timestamptz NOT NULL
);
