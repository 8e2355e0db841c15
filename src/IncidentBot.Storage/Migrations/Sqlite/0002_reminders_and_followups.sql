-- Reminders, escalations, resolution details and postmortem follow-ups (action items), plus the
-- schedule requests queue. 0001 may already hold data: every new incidents column is nullable or
-- has a default, so existing rows stay valid and read back as "nothing happened yet".
-- (SQLite adds one column per ALTER TABLE.)

ALTER TABLE incidents ADD COLUMN severity_changed_at          INTEGER;
ALTER TABLE incidents ADD COLUMN last_reminder_at             INTEGER;
ALTER TABLE incidents ADD COLUMN snoozed_until                INTEGER;
-- Slugs of the escalation rules that fired, comma-separated.
ALTER TABLE incidents ADD COLUMN fired_escalations            TEXT;
-- Impact flags already notified, stored by name like impact ("Revenue, Security").
ALTER TABLE incidents ADD COLUMN impact_notified              TEXT NOT NULL DEFAULT 'None';
ALTER TABLE incidents ADD COLUMN resolution_summary           TEXT;
ALTER TABLE incidents ADD COLUMN root_cause                   TEXT;
ALTER TABLE incidents ADD COLUMN fix_applied                  TEXT;
ALTER TABLE incidents ADD COLUMN verified_at                  INTEGER;
ALTER TABLE incidents ADD COLUMN how_verified                 TEXT;
ALTER TABLE incidents ADD COLUMN data_state                   TEXT;
ALTER TABLE incidents ADD COLUMN postmortem_due_at            INTEGER;
ALTER TABLE incidents ADD COLUMN postmortem_done_at           INTEGER;
ALTER TABLE incidents ADD COLUMN last_postmortem_reminder_at  INTEGER;
-- The incident this one duplicates. No foreign key: the domain accepts any number, and telling a
-- user that INC-999 does not exist is the command handler's job, not an internal error's.
ALTER TABLE incidents ADD COLUMN duplicate_of                 INTEGER;

-- /incident stats (declared since ...).
CREATE INDEX incidents_declared_at ON incidents (declared_at);

-- /metrics counts escalations and other kinds over all incidents.
CREATE INDEX timeline_kind ON timeline (kind);

-- Postmortem follow-ups. due_date is a calendar date as text 'YYYY-MM-DD' (sorts and compares like a
-- date, and is the same text in PostgreSQL).
CREATE TABLE action_items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_number  INTEGER NOT NULL REFERENCES incidents (number),
    owner            TEXT    NOT NULL,
    due_date         TEXT    NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    text             TEXT    NOT NULL,
    done             INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_by       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    done_at          INTEGER,
    last_reminded_at INTEGER
) STRICT;

-- Items of one incident; open items by due date (overdue reminders).
CREATE INDEX action_items_incident ON action_items (incident_number);
CREATE INDEX action_items_done_due ON action_items (done, due_date);

-- "Bring this incident's reminder and escalation jobs in line with its state", written in the same
-- transaction as the change. One row per incident; a renewed request moves requested_at forward.
CREATE TABLE schedule_requests (
    incident_number INTEGER PRIMARY KEY NOT NULL REFERENCES incidents (number),
    requested_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX schedule_requests_requested_at ON schedule_requests (requested_at);
