-- Finding "the same person declared this title moments ago" by index instead of reading every
-- recent incident of the declarer: title_key is the trimmed title in upper case (invariant), written
-- by the application so that PostgreSQL and SQLite agree on case folding. The backfill uses SQL
-- upper(), which matches for ASCII titles; it only matters for incidents declared within the
-- duplicate window (minutes) before the upgrade.
ALTER TABLE incidents ADD COLUMN title_key TEXT;
UPDATE incidents SET title_key = upper(trim(title));
CREATE INDEX incidents_duplicate ON incidents (declared_by, title_key, declared_at);
