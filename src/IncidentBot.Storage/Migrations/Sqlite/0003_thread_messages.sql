-- Messages people write in incident threads, so a :pushpin: reaction can put one on the timeline
-- (the reaction event carries only the message's channel and ts).
CREATE TABLE thread_messages (
    channel          TEXT    NOT NULL,
    ts               TEXT    NOT NULL,
    incident_number  INTEGER NOT NULL REFERENCES incidents (number),
    user_id          TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    at               INTEGER NOT NULL,
    PRIMARY KEY (channel, ts)
) STRICT;

-- Finding an incident from its thread's parent message.
CREATE INDEX incidents_headline ON incidents (channel, headline_ts);
