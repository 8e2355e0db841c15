-- Reminders, escalations, resolution details and postmortem follow-ups (action items), plus the
-- schedule requests queue. 0001 may already hold data: every new incidents column is nullable or
-- has a default, so existing rows stay valid and read back as "nothing happened yet".

ALTER TABLE incidents ADD COLUMN severity_changed_at          bigint;
ALTER TABLE incidents ADD COLUMN last_reminder_at             bigint;
ALTER TABLE incidents ADD COLUMN snoozed_until                bigint;
-- Slugs of the escalation rules that fired, comma-separated.
ALTER TABLE incidents ADD COLUMN fired_escalations            text;
-- Impact flags already notified, stored by name like impact ("Revenue, Security").
ALTER TABLE incidents ADD COLUMN impact_notified              text NOT NULL DEFAULT 'None';
ALTER TABLE incidents ADD COLUMN resolution_summary           text;
ALTER TABLE incidents ADD COLUMN root_cause                   text;
ALTER TABLE incidents ADD COLUMN fix_applied                  text;
ALTER TABLE incidents ADD COLUMN verified_at                  bigint;
ALTER TABLE incidents ADD COLUMN how_verified                 text;
ALTER TABLE incidents ADD COLUMN data_state                   text;
ALTER TABLE incidents ADD COLUMN postmortem_due_at            bigint;
ALTER TABLE incidents ADD COLUMN postmortem_done_at           bigint;
ALTER TABLE incidents ADD COLUMN last_postmortem_reminder_at  bigint;
-- The incident this one duplicates. No foreign key: the domain accepts any number, and telling a
-- user that INC-999 does not exist is the command handler's job, not an internal error's.
ALTER TABLE incidents ADD COLUMN duplicate_of                 bigint;

-- /incident stats (declared since ...).
CREATE INDEX incidents_declared_at ON incidents (declared_at);

-- /metrics counts escalations and other kinds over all incidents.
CREATE INDEX timeline_kind ON timeline (kind);

-- Postmortem follow-ups. due_date is a calendar date as text 'YYYY-MM-DD' (sorts and compares like a
-- date, and is the same text in SQLite).
CREATE TABLE action_items (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_number  bigint  NOT NULL REFERENCES incidents (number),
    owner            text    NOT NULL,
    due_date         text    NOT NULL CHECK (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    text             text    NOT NULL,
    done             boolean NOT NULL DEFAULT false,
    created_by       text    NOT NULL,
    created_at       bigint  NOT NULL,
    done_at          bigint,
    last_reminded_at bigint
);

-- Items of one incident; open items by due date (overdue reminders).
CREATE INDEX action_items_incident ON action_items (incident_number);
CREATE INDEX action_items_done_due ON action_items (done, due_date);

-- "Bring this incident's reminder and escalation jobs in line with its state", written in the same
-- transaction as the change. One row per incident; a renewed request moves requested_at forward.
CREATE TABLE schedule_requests (
    incident_number bigint PRIMARY KEY REFERENCES incidents (number),
    requested_at    bigint NOT NULL
);

CREATE INDEX schedule_requests_requested_at ON schedule_requests (requested_at);
