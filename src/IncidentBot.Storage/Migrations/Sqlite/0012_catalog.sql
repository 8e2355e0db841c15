-- The data catalog (issue 13): the dbt manifest's distilled graph as JSON in one row, so every
-- replica and a restart see the same one; version goes up only when the content changes.
CREATE TABLE catalog (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    models       INTEGER NOT NULL,
    sources      INTEGER NOT NULL,
    exposures    INTEGER NOT NULL,
    loaded_at    INTEGER NOT NULL,
    graph        TEXT    NOT NULL
) STRICT;

-- Who an incident's blast radius has been told: owners mentioned, and the radius listed in the thread.
ALTER TABLE incidents ADD COLUMN owners_told TEXT;
ALTER TABLE incidents ADD COLUMN blast_radius_told TEXT;
