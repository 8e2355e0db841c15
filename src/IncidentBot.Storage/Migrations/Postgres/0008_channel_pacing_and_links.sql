-- One token bucket per Slack channel, shared by every replica: Slack allows about one post per
-- second per channel (short bursts tolerated); paused_until holds a 429's Retry-After.
CREATE TABLE channel_pacing (
    channel      text             PRIMARY KEY,
    tokens       double precision NOT NULL,
    refilled_at  bigint           NOT NULL,
    paused_until bigint           NOT NULL DEFAULT 0
);

-- Links to messages (the incident's thread) as chat.getPermalink gave them, asked once when the
-- headline is posted, so a read never calls Slack.
CREATE TABLE message_links (
    channel   text NOT NULL,
    ts        text NOT NULL,
    permalink text NOT NULL,
    PRIMARY KEY (channel, ts)
);
