-- Issue 17: tips grouped into cases by analysts in the console. In clear:
-- which tips an analyst judged to be about the same thing is the hotline's
-- own triage, not the reporter's words.
--
-- A case is a number, shown to analysts as "case 3". Numbers count up
-- from 1 and are never reused: a case whose tips were all taken out (or
-- deleted by the retention period) keeps its row here, so an old audit
-- entry's "case 3" never comes to mean another case. This table holds no
-- tip and nothing a reporter wrote.
CREATE TABLE cases (
    number     BIGINT PRIMARY KEY,
    -- Unix seconds the case was started.
    started_at BIGINT NOT NULL
);

-- Which case a tip is in: one at most (the primary key). A tip with no
-- row is in none. A case with one tip left stays a case (the analyst may
-- add more, or take the last one out). Every change is also an audit
-- entry (action 'case_changed'), written in the same transaction.
CREATE TABLE tip_cases (
    tip_id      BIGINT PRIMARY KEY REFERENCES tips (id),
    case_number BIGINT NOT NULL REFERENCES cases (number),
    -- Unix seconds it was put in this case.
    added_at    BIGINT NOT NULL
);
CREATE INDEX tip_cases_case ON tip_cases (case_number);
