-- Issue 16: a reporter's answer carries an Idempotency-Key, as a tip does,
-- so a retry after a lost response is stored once (docs/api.md). Both are
-- keyed hashes (crates/intake/src/stored_forms.rs): the key's, under the
-- database's hash key, and the request's, under the key itself, which is
-- never stored, so neither tells anything about the answer. NULL for the
-- hotline's replies, which come from the command line.
ALTER TABLE followup_messages ADD COLUMN idem_hash BLOB;
ALTER TABLE followup_messages ADD COLUMN request_mac BLOB;
CREATE UNIQUE INDEX followup_messages_idem ON followup_messages (idem_hash);
