-- The data catalog (issue 13): the dbt manifest's distilled graph as JSON in one row, so every
-- replica and a restart see the same one; version goes up only when the content changes.
CREATE TABLE catalog (
    id           integer PRIMARY KEY CHECK (id = 1),
    version      bigint  NOT NULL,
    content_hash text    NOT NULL,
    source       text    NOT NULL,
    models       integer NOT NULL,
    sources      integer NOT NULL,
    exposures    integer NOT NULL,
    loaded_at    bigint  NOT NULL,
    graph        text    NOT NULL
);

-- Who an incident's blast radius has been told: owners mentioned, and the radius listed in the thread.
ALTER TABLE incidents ADD COLUMN owners_told text;
ALTER TABLE incidents ADD COLUMN blast_radius_told text;
