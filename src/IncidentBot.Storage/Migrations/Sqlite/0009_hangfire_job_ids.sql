-- Hangfire names its jobs by id, not by a key of ours: the record of what the synchroniser scheduled
-- keeps the id of the job that stands for each incident's reminder or escalation (null once it fired).
ALTER TABLE scheduled_jobs ADD COLUMN job_id TEXT;
