-- The change feed (GET /v1/opendata/changes) reads published rows in the order of changed_xid.
-- A row of a class that publishes dates only (sensitive) must not show the minute it changed by
-- where it sits among rows stamped to the minute: it is held out of the feed, held_on saying
-- since which day of the city, and a daily job (opendata.HeldChangesRelease) re-stamps every
-- held row in one transaction once the city's day has ended, so they enter the feed together.
-- A date, not a time: the published table holds no minute of a sensitive row.
ALTER TABLE opendata.published_request ADD COLUMN held_on date;

-- Rows of sensitive classes published before the feed existed were stamped one by one: nobody
-- has read their places yet, so they are moved together now, to this migration's transaction.
UPDATE opendata.published_request p SET changed_xid = pg_current_xact_id()
FROM service s
WHERE s.code = p.service_code AND s.privacy_class = 'sensitive' AND p.withdrawn_at IS NULL;

-- The feed's order and its keyset: (changed_xid, tracking_number) in bytewise order, so the order
-- is the same on every server whatever its locale; only rows in the feed (not held). It replaces
-- V16's index on changed_xid alone, which nothing else reads.
DROP INDEX opendata.published_request_changed_idx;
CREATE INDEX published_request_feed_idx ON opendata.published_request (changed_xid, tracking_number COLLATE "C")
    WHERE held_on IS NULL;
