-- Schedule requests are leased to one synchroniser at a time (two replicas must not apply an old
-- and a new plan for the same incident in the wrong order), and the synchroniser records what it
-- put into Quartz, so a pass compares the plan with this table and sends Quartz only the
-- differences, in one batch. A firing job removes its own row in the transaction that acts on it.
ALTER TABLE schedule_requests ADD COLUMN leased_by TEXT;
ALTER TABLE schedule_requests ADD COLUMN lease_until INTEGER;

CREATE TABLE scheduled_jobs (
    incident_number INTEGER NOT NULL REFERENCES incidents (number),
    job             TEXT    NOT NULL,
    due_at          INTEGER NOT NULL,
    PRIMARY KEY (incident_number, job)
) STRICT;

-- A reopened incident starts a new round of escalations, counted from the reopening.
ALTER TABLE incidents ADD COLUMN reopened_at INTEGER;
