-- Detection: how the incident was found (an alert tool, a person) and since when its data was wrong;
-- how many of its checks fail and pass (the headline shows both).
ALTER TABLE incidents ADD COLUMN data_wrong_since INTEGER;
ALTER TABLE incidents ADD COLUMN detection_source TEXT;
ALTER TABLE incidents ADD COLUMN checks_failing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN checks_passing INTEGER NOT NULL DEFAULT 0;

-- One row per check (an alert's fingerprint) on an incident: whether it fails now, how often it
-- fired, when the thread last heard about it.
CREATE TABLE alert_checks (
    incident_number INTEGER NOT NULL REFERENCES incidents (number),
    fingerprint     TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    failing         INTEGER NOT NULL,
    fired           INTEGER NOT NULL,
    failing_since   INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    last_note_at    INTEGER NOT NULL,
    url             TEXT,
    PRIMARY KEY (incident_number, fingerprint)
) STRICT;
CREATE INDEX alert_checks_by_fingerprint ON alert_checks (fingerprint);

-- Maintenance silences: an alert whose fingerprint or asset matches is stored and counted, nothing more.
CREATE TABLE alert_silences (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    matcher    TEXT    NOT NULL,
    ends_at    INTEGER NOT NULL,
    reason     TEXT,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    ended_at   INTEGER,
    silenced   INTEGER NOT NULL DEFAULT 0
) STRICT;
