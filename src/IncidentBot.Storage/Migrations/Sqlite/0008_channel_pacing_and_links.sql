-- One token bucket per Slack channel, shared by every replica: Slack allows about one post per
-- second per channel (short bursts tolerated); paused_until holds a 429's Retry-After.
CREATE TABLE channel_pacing (
    channel      TEXT    PRIMARY KEY,
    tokens       REAL    NOT NULL,
    refilled_at  INTEGER NOT NULL,
    paused_until INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Links to messages (the incident's thread) as chat.getPermalink gave them, asked once when the
-- headline is posted, so a read never calls Slack.
CREATE TABLE message_links (
    channel   TEXT NOT NULL,
    ts        TEXT NOT NULL,
    permalink TEXT NOT NULL,
    PRIMARY KEY (channel, ts)
) STRICT;
