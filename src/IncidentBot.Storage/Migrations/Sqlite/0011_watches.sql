-- Watches (issue 14): one row per configured watch, shared by the replicas. period is the last
-- period of the watch's Every that a replica claimed, so each period runs once.
CREATE TABLE watch_states (
    name                 TEXT    PRIMARY KEY,
    period               INTEGER NOT NULL,
    last_run_at          INTEGER,
    last_result          TEXT,
    newest_load          INTEGER,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    warned               INTEGER NOT NULL DEFAULT 0,
    runs                 INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Successful dbt runs, per job, for the phantom-success rules: duration (dbt Cloud webhooks) and the
-- models built (run_results.json, a JSON array).
CREATE TABLE dbt_runs (
    job         TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    finished_at INTEGER NOT NULL,
    duration_ms INTEGER,
    models      TEXT,
    PRIMARY KEY (job, run_id)
) STRICT;
CREATE INDEX dbt_runs_by_job ON dbt_runs (job, finished_at);
