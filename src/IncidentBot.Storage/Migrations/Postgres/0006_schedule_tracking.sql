-- Schedule requests are leased to one synchroniser at a time (two replicas must not apply an old
-- and a new plan for the same incident in the wrong order), and the synchroniser records what it
-- put into Quartz, so a pass compares the plan with this table and sends Quartz only the
-- differences, in one batch. A firing job removes its own row in the transaction that acts on it.
ALTER TABLE schedule_requests ADD COLUMN leased_by text;
ALTER TABLE schedule_requests ADD COLUMN lease_until bigint;

CREATE TABLE scheduled_jobs (
    incident_number bigint NOT NULL REFERENCES incidents (number),
    job             text   NOT NULL,
    due_at          bigint NOT NULL,
    PRIMARY KEY (incident_number, job)
);

-- A reopened incident starts a new round of escalations, counted from the reopening.
ALTER TABLE incidents ADD COLUMN reopened_at bigint;
