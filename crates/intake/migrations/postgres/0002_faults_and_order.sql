-- Issue 13. Nothing stored may time or order a tip:
-- rows got ids in arrival order (row n was the nth tip). New rows get a
-- random id from the service; existing rows are given one here.
ALTER TABLE tips ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE IF EXISTS tips_id_seq;
UPDATE tips SET id = (floor(random() * 9223372036854775806) + 1)::bigint;

-- A keyed fingerprint of the request body, under the idempotency key (which
-- only the browser holds): a retry whose body differs from the first
-- attempt's is refused (422) instead of silently dropped. Older rows have
-- none and replay as before.
ALTER TABLE tips ADD COLUMN request_mac BYTEA;

-- A row the writer updates to learn whether writes work again after a
-- fault (GET /readyz). It holds a counter and nothing about any tip.
CREATE TABLE write_probe (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes BIGINT NOT NULL
);
