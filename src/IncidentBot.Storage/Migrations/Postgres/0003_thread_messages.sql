-- Messages people write in incident threads, so a :pushpin: reaction can put one on the timeline
-- (the reaction event carries only the message's channel and ts).
CREATE TABLE thread_messages (
    channel          text    NOT NULL,
    ts               text    NOT NULL,
    incident_number  bigint  NOT NULL REFERENCES incidents (number),
    user_id          text    NOT NULL,
    text             text    NOT NULL,
    at               bigint  NOT NULL,
    PRIMARY KEY (channel, ts)
);

-- Finding an incident from its thread's parent message.
CREATE INDEX incidents_headline ON incidents (channel, headline_ts);
