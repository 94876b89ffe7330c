-- Issue 17: the analysts' console. Accounts, their passkeys, one-time
-- enrolment tokens, sessions, tips' triage status, and the audit log
-- chained by hash. Nothing
-- here is about reporters: the audit log names analysts and tip ids (the
-- random ids of 0002), never anything from a tip. See docs/threat-model.md,
-- "The analysts' console".
CREATE TABLE analysts (
    -- A random UUID: also the WebAuthn user handle the passkey holds.
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('admin', 'analyst')),
    -- Unix seconds of the hour the account was added.
    created_hour INTEGER NOT NULL,
    -- Unix seconds the account was removed; NULL while it may sign in.
    -- Removed rows stay, so the audit log's entries keep a name.
    removed_at   INTEGER
);

CREATE TABLE analyst_passkeys (
    -- The credential id the authenticator chose.
    credential_id BLOB    PRIMARY KEY,
    analyst_id    TEXT    NOT NULL REFERENCES analysts (id),
    -- webauthn-rs's Passkey as JSON: the public key and signature counter.
    passkey       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX analyst_passkeys_analyst ON analyst_passkeys (analyst_id);

CREATE TABLE enrolment_tokens (
    -- SHA-256 of the token in the enrolment link (never the token).
    token_hash BLOB    PRIMARY KEY,
    analyst_id TEXT    NOT NULL REFERENCES analysts (id),
    expires_at INTEGER NOT NULL,
    -- Set when a passkey was enrolled with it: it works once.
    used_at    INTEGER
);

CREATE TABLE console_sessions (
    -- SHA-256 of the session cookie's token (never the token).
    token_hash BLOB    PRIMARY KEY,
    analyst_id TEXT    NOT NULL REFERENCES analysts (id),
    last_seen  INTEGER NOT NULL,
    -- The latest moment it may be used, however active.
    expires_at INTEGER NOT NULL
);
CREATE INDEX console_sessions_analyst ON console_sessions (analyst_id);

-- Each tip's triage status, set by an analyst. A tip with no row is
-- 'new'. Each change is also an audit entry (action 'status_changed',
-- detail the status), which is the dated history.
CREATE TABLE tip_status (
    tip_id     INTEGER PRIMARY KEY REFERENCES tips (id),
    status     TEXT    NOT NULL CHECK (status IN ('new', 'in_review', 'referred', 'closed')),
    changed_at INTEGER NOT NULL,
    changed_by TEXT    NOT NULL REFERENCES analysts (id)
);

CREATE TABLE audit_log (
    -- 1, 2, 3 … with no gaps: the chain's order.
    seq       INTEGER PRIMARY KEY,
    -- Unix seconds.
    at        INTEGER NOT NULL,
    -- The analyst's id, or 'cli' for the administrator's command line.
    actor     TEXT    NOT NULL,
    -- What was done (src/console/audit.rs, Action), and its detail (a
    -- role, a status): words from a fixed list, never free text.
    action    TEXT    NOT NULL,
    detail    TEXT,
    -- The analyst an account action is about, if any.
    subject   TEXT,
    -- The tip (its random id) a tip action is about, if any.
    tip_id    INTEGER,
    -- The previous entry's hash (32 zero bytes for the first).
    prev_hash BLOB    NOT NULL,
    -- SHA-256 over prev_hash and this entry (src/console/audit.rs).
    hash      BLOB    NOT NULL
);
CREATE INDEX audit_log_tip ON audit_log (tip_id);
-- Append-only for the service itself. Someone holding the database file can
-- drop these; the hash chain is what shows that they did.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
