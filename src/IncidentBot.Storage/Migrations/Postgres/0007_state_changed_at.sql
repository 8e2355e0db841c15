-- When the incident entered its current state: escalation rules may hold off for a while in a
-- state (an Unresolved rule waits Policy:VerifyGrace once a fix is being verified).
ALTER TABLE incidents ADD COLUMN state_changed_at bigint;
