-- Watches (issue 14): one row per configured watch, shared by the replicas. period is the last
-- period of the watch's Every that a replica claimed, so each period runs once.
CREATE TABLE watch_states (
    name                 text    PRIMARY KEY,
    period               bigint  NOT NULL,
    last_run_at          bigint,
    last_result          text,
    newest_load          bigint,
    last_error           text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    warned               boolean NOT NULL DEFAULT false,
    runs                 integer NOT NULL DEFAULT 0
);

-- Successful dbt runs, per job, for the phantom-success rules: duration (dbt Cloud webhooks) and the
-- models built (run_results.json, a JSON array).
CREATE TABLE dbt_runs (
    job         text   NOT NULL,
    run_id      text   NOT NULL,
    finished_at bigint NOT NULL,
    duration_ms bigint,
    models      text,
    PRIMARY KEY (job, run_id)
);
CREATE INDEX dbt_runs_by_job ON dbt_runs (job, finished_at);
