-- Incidents, their timelines, inbound request dedup and the Slack outbox.
-- Timestamps (*_at, lease_until) are unix milliseconds (INTEGER); enums are stored by name;
-- booleans are 0/1. STRICT tables reject a value of the wrong type instead of storing it.

CREATE TABLE incidents (
    number                INTEGER PRIMARY KEY AUTOINCREMENT,
    title                 TEXT    NOT NULL,
    description           TEXT,
    affected_assets       TEXT,
    severity              TEXT    NOT NULL,
    category              TEXT    NOT NULL,
    state                 TEXT    NOT NULL,
    impact                TEXT    NOT NULL,
    declared_by           TEXT    NOT NULL,
    owner                 TEXT,
    acknowledged_by       TEXT,
    detected_at           INTEGER NOT NULL,
    declared_at           INTEGER NOT NULL,
    acknowledged_at       INTEGER,
    last_update_at        INTEGER,
    resolved_at           INTEGER,
    closed_at             INTEGER,
    fix_status            TEXT    NOT NULL,
    root_cause_identified INTEGER NOT NULL CHECK (root_cause_identified IN (0, 1)),
    eta                   TEXT,
    latest_update         TEXT,
    channel               TEXT    NOT NULL,
    headline_ts           TEXT,
    postmortem_required   INTEGER NOT NULL CHECK (postmortem_required IN (0, 1)),
    postmortem_link       TEXT,
    version               INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Active list (state filter, severity then age) and duplicate detection (declarer, recent).
CREATE INDEX incidents_state_severity ON incidents (state, severity, declared_at);
CREATE INDEX incidents_declared_by ON incidents (declared_by, declared_at);

CREATE TABLE timeline (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_number INTEGER NOT NULL REFERENCES incidents (number),
    at              INTEGER NOT NULL,
    actor           TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    old_value       TEXT,
    new_value       TEXT
) STRICT;

CREATE INDEX timeline_incident_at ON timeline (incident_number, at);

-- Slack retries a request it thinks failed; the key of every handled request is kept so a retry changes nothing.
CREATE TABLE inbound_requests (
    key         TEXT    PRIMARY KEY NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;

CREATE INDEX inbound_requests_received_at ON inbound_requests (received_at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_number INTEGER REFERENCES incidents (number),
    kind            TEXT    NOT NULL,
    channel         TEXT,
    user_id         TEXT,
    text            TEXT,
    blocks_json     TEXT,
    broadcast       INTEGER NOT NULL DEFAULT 0 CHECK (broadcast IN (0, 1)),
    dedup_key       TEXT    UNIQUE,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    leased_by       TEXT,
    lease_until     INTEGER,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    failed_at       INTEGER,
    last_error      TEXT
) STRICT;

-- Claiming: due pending messages, and "is there an older pending message of this incident?".
CREATE INDEX outbox_pending_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_pending_incident ON outbox (incident_number, id) WHERE status = 'pending';
