-- Issue 17: analysts' notes on a tip, and which of the reporter's
-- follow-up messages analysts have seen. See docs/threat-model.md, "The
-- analysts' console".
--
-- A note is sealed in the analyst's browser to the hotline's recipients
-- and padded to a bucket (crates/followup/src/pad.rs), like a follow-up
-- message: in clear only the tip, the author, the hour and the bucket.
CREATE TABLE tip_notes (
    -- Random, like tips' ids.
    id          BIGINT PRIMARY KEY,
    tip_id      BIGINT NOT NULL REFERENCES tips (id),
    -- The analyst who wrote it.
    author      TEXT    NOT NULL REFERENCES analysts (id),
    -- Unix seconds of the hour it was written in.
    hour        BIGINT NOT NULL,
    -- The padded plaintext size.
    size_bucket INTEGER NOT NULL,
    -- age ciphertext of the padded note.
    sealed      BYTEA    NOT NULL
);
CREATE INDEX tip_notes_tip ON tip_notes (tip_id);

-- How many of a tip's reporter messages (followup_messages, direction
-- 'reporter') had been sent to an analyst's console when the tip was last
-- opened; the rest are marked new. A count, not a time: it says nothing of
-- when the reporter wrote beyond "after that opening" for the unseen ones.
-- A tip with no row has had none seen.
CREATE TABLE tip_reads (
    tip_id        BIGINT PRIMARY KEY REFERENCES tips (id),
    reporter_seen BIGINT NOT NULL
);
