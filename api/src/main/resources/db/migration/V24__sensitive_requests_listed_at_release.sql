-- A new request of a class that publishes dates only (sensitive) is held out of the change feed until
-- its city's day is over (V21), but the items, the exports and nearby listed it the moment it was
-- filed: anyone polling them every minute learnt the minute its dates leave out. Such a row is now
-- written unlisted and is first listed by the same daily release that puts it in the feed. A row
-- already listed stays listed through later changes (those are the city's acts, not the reporter's).
ALTER TABLE opendata.published_request ADD COLUMN listed boolean NOT NULL DEFAULT true;

-- The page index (V23) covers exactly the rows every open read may show.
DROP INDEX opendata.published_request_live_page_idx;
CREATE INDEX published_request_live_page_idx ON opendata.published_request (received_at, tracking_number)
    INCLUDE (location, service_code, status, department, channel)
    WHERE withdrawn_at IS NULL AND listed;
