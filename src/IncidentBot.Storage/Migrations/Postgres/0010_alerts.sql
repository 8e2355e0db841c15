-- Detection: how the incident was found (an alert tool, a person) and since when its data was wrong;
-- how many of its checks fail and pass (the headline shows both).
ALTER TABLE incidents ADD COLUMN data_wrong_since bigint;
ALTER TABLE incidents ADD COLUMN detection_source text;
ALTER TABLE incidents ADD COLUMN checks_failing integer NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN checks_passing integer NOT NULL DEFAULT 0;

-- One row per check (an alert's fingerprint) on an incident: whether it fails now, how often it
-- fired, when the thread last heard about it.
CREATE TABLE alert_checks (
    incident_number bigint  NOT NULL REFERENCES incidents (number),
    fingerprint     text    NOT NULL,
    source          text    NOT NULL,
    title           text    NOT NULL,
    failing         boolean NOT NULL,
    fired           integer NOT NULL,
    failing_since   bigint  NOT NULL,
    last_seen_at    bigint  NOT NULL,
    last_note_at    bigint  NOT NULL,
    url             text,
    PRIMARY KEY (incident_number, fingerprint)
);
CREATE INDEX alert_checks_by_fingerprint ON alert_checks (fingerprint);

-- Maintenance silences: an alert whose fingerprint or asset matches is stored and counted, nothing more.
CREATE TABLE alert_silences (
    id         bigserial PRIMARY KEY,
    matcher    text   NOT NULL,
    ends_at    bigint NOT NULL,
    reason     text,
    created_by text   NOT NULL,
    created_at bigint NOT NULL,
    ended_at   bigint,
    silenced   integer NOT NULL DEFAULT 0
);
