-- Issue 17: a tip's labels, priority and assignee, set by analysts in the
-- console. In clear: these are the hotline's own triage words (ids from the
-- fixed lists in crates/tip/src/triage.rs), not the reporter's. A tip with
-- no row has none. Each field carries the second it was last set; every
-- change is also an audit entry, written in the same transaction.
CREATE TABLE tip_triage (
    tip_id      BIGINT PRIMARY KEY REFERENCES tips (id),
    -- Label ids separated by single spaces, in the lists' order; '' for none.
    labels      TEXT    NOT NULL DEFAULT '',
    labels_at   BIGINT,
    priority    TEXT    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    priority_at BIGINT,
    assignee    TEXT    REFERENCES analysts (id),
    assignee_at BIGINT
);
