-- Issue 16: anonymous follow-up. See docs/threat-model.md, "Anonymous
-- follow-up": in clear only a tip reference, a direction, an hour and a
-- size bucket per message; per conversation a keyed hash of the lookup
-- token, the reporter's public age recipient and the hour last used.
CREATE TABLE followup_conversations (
    -- One conversation per tip; the tip's id is random (0002).
    tip_id         BIGINT PRIMARY KEY REFERENCES tips (id),
    -- HMAC of the lookup token (never the token or the code). NULL once
    -- the code expired: it opens nothing any more.
    lookup_hash    BYTEA UNIQUE,
    -- The reporter's age X25519 recipient (age1…); NULL once expired.
    recipient      TEXT,
    -- Unix seconds of the hour the code was last used.
    last_used_hour BIGINT NOT NULL
);
CREATE INDEX followup_conversations_last_used ON followup_conversations (last_used_hour);

CREATE TABLE followup_messages (
    -- Random, like tips' ids: nothing orders messages within an hour.
    id          BIGINT PRIMARY KEY,
    tip_id      BIGINT NOT NULL REFERENCES tips (id),
    direction   TEXT    NOT NULL CHECK (direction IN ('hotline', 'reporter')),
    hour        BIGINT NOT NULL,
    size_bucket INTEGER NOT NULL,
    -- age ciphertext of the padded message.
    sealed      BYTEA    NOT NULL
);
CREATE INDEX followup_messages_tip ON followup_messages (tip_id);
