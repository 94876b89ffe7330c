-- Sealed tips. Only what triage needs without the private key is in clear:
-- a keyed hash of the receipt, the hour received, the partner id and the
-- schema version. No address, user agent or referrer has a column.
CREATE TABLE tips (
    id             BIGSERIAL PRIMARY KEY,
    -- HMAC of the idempotency key: a retry finds its first attempt, and the
    -- raw key (which the browser holds) is never stored.
    idem_hash      BYTEA    NOT NULL UNIQUE,
    receipt_hash   BYTEA    NOT NULL,
    -- The receipt encrypted under a key derived from the idempotency key, so
    -- a retry gets the same receipt back and nobody else can read it.
    receipt_box    BYTEA    NOT NULL,
    received_hour  BIGINT   NOT NULL,
    partner        TEXT,
    schema_version INTEGER  NOT NULL,
    sealed         BYTEA    NOT NULL
);
CREATE INDEX tips_receipt_hash ON tips (receipt_hash);
CREATE INDEX tips_received_hour ON tips (received_hour);

-- Per-database random keys (the HMAC key for the hashes above).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
