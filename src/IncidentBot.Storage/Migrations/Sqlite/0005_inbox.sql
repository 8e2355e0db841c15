-- Slack requests accepted on the request path and worked off afterwards: verify, store, answer.
-- key is the request's identity (a replay is stored once); incident_number, when the request names
-- an incident, keeps that incident's requests in arrival order. Finished rows stay for inspection
-- until pruned.
CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    key             TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    incident_number INTEGER,
    received_at     INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    leased_by       TEXT,
    lease_until     INTEGER,
    finished_at     INTEGER,
    last_error      TEXT
) STRICT;

CREATE INDEX inbox_pending ON inbox (id) WHERE status = 'pending';
CREATE INDEX inbox_pending_incident ON inbox (incident_number, id) WHERE status = 'pending';
CREATE INDEX inbox_finished_at ON inbox (finished_at) WHERE status <> 'pending';

-- Answers to slash commands go to the command's response_url.
ALTER TABLE outbox ADD COLUMN response_url TEXT;
