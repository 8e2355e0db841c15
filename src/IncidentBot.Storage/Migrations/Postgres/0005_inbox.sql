-- Slack requests accepted on the request path and worked off afterwards: verify, store, answer.
-- key is the request's identity (a replay is stored once); incident_number, when the request names
-- an incident, keeps that incident's requests in arrival order. Finished rows stay for inspection
-- until pruned.
CREATE TABLE inbox (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key             text    NOT NULL UNIQUE,
    kind            text    NOT NULL,
    body            text    NOT NULL,
    incident_number bigint,
    received_at     bigint  NOT NULL,
    status          text    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint  NOT NULL,
    leased_by       text,
    lease_until     bigint,
    finished_at     bigint,
    last_error      text
);

CREATE INDEX inbox_pending ON inbox (id) WHERE status = 'pending';
CREATE INDEX inbox_pending_incident ON inbox (incident_number, id) WHERE status = 'pending';
CREATE INDEX inbox_finished_at ON inbox (finished_at) WHERE status <> 'pending';

-- Answers to slash commands go to the command's response_url.
ALTER TABLE outbox ADD COLUMN response_url text;
