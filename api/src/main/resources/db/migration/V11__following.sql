-- Following: which accounts follow which requests (their public events make the account's
-- GET /v1/me/updates), the position of each event in that feed, and the ratings reporters give
-- requests once they are closed.

-- One row per account following a request, whatever the reason: the reporter, the liaison who
-- filed it, an account that said "me too", or one that chose to follow it. The rows are the whole
-- truth (nothing is derived from other columns at read time), so the feed is one join, a follower
-- may stop following even their own request, and moving a duplicate's followers to the original
-- is one INSERT ... SELECT ... ON CONFLICT DO NOTHING.
CREATE TABLE request_follower (
    request_id  bigint NOT NULL REFERENCES service_request (id),
    account_id  uuid NOT NULL REFERENCES account (id),
    since       timestamptz NOT NULL DEFAULT now(),
    reason      text NOT NULL CHECK (reason IN ('reporter', 'filed', 'me_too', 'follow')),
    PRIMARY KEY (request_id, account_id)
);
-- The feed starts from an account's followed requests.
CREATE INDEX request_follower_account_idx ON request_follower (account_id, request_id);

-- Reporters and filers follow their requests from the moment the columns name them, however they
-- were set (intake, a claim with a receipt token, a liaison filing, plain SQL): a trigger, because a
-- Java hook would miss every path that does not call it. A reporter or filer row replaces a weaker
-- reason (me_too, follow) but never comes back once the person unfollowed: only a change of the
-- column adds it.
CREATE FUNCTION follow_own_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.reporter_account_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.reporter_account_id IS DISTINCT FROM OLD.reporter_account_id) THEN
        INSERT INTO request_follower (request_id, account_id, reason)
        VALUES (NEW.id, NEW.reporter_account_id, 'reporter')
        ON CONFLICT (request_id, account_id) DO UPDATE SET reason = 'reporter'
            WHERE request_follower.reason IN ('me_too', 'follow');
    END IF;
    IF NEW.filed_by_account_id IS NOT NULL
       AND NEW.filed_by_account_id IS DISTINCT FROM NEW.reporter_account_id
       AND (TG_OP = 'INSERT' OR NEW.filed_by_account_id IS DISTINCT FROM OLD.filed_by_account_id) THEN
        INSERT INTO request_follower (request_id, account_id, reason)
        VALUES (NEW.id, NEW.filed_by_account_id, 'filed')
        ON CONFLICT (request_id, account_id) DO UPDATE SET reason = 'filed'
            WHERE request_follower.reason IN ('me_too', 'follow');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER service_request_followed_on_insert AFTER INSERT ON service_request
    FOR EACH ROW EXECUTE FUNCTION follow_own_request();
CREATE TRIGGER service_request_followed_on_update AFTER UPDATE OF reporter_account_id, filed_by_account_id
    ON service_request FOR EACH ROW
    WHEN (NEW.reporter_account_id IS DISTINCT FROM OLD.reporter_account_id
          OR NEW.filed_by_account_id IS DISTINCT FROM OLD.filed_by_account_id)
    EXECUTE FUNCTION follow_own_request();

-- A deleted account follows nothing: its rows would only say what the person was interested in.
CREATE FUNCTION unfollow_deleted_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM request_follower WHERE account_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER account_deleted_unfollows AFTER UPDATE OF deleted_at ON account
    FOR EACH ROW WHEN (NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL)
    EXECUTE FUNCTION unfollow_deleted_account();

-- The transaction that wrote each event. Event ids are handed out at insert, not at commit: a
-- transaction holding id 99 may commit after another committed id 100, so a feed read "after id
-- 100" would never show 99. Ordered by (xact, id) and read only below the oldest transaction
-- still running (pg_snapshot_xmin), the feed grows only at its end: every transaction below that
-- horizon is over, and every later one gets a larger xact. Events written before this migration
-- read as xact 0 (a constant default adds the column without rewriting the table); new rows get
-- their transaction's id.
ALTER TABLE request_event ADD COLUMN xact xid8 NOT NULL DEFAULT '0';
ALTER TABLE request_event ALTER COLUMN xact SET DEFAULT pg_current_xact_id();
-- The feed reads each followed request's public events from a position on: one short range scan
-- per request. Internal notes are never in the feed, so they are not in this index either.
CREATE INDEX request_event_feed_idx ON request_event (request_id, xact, id) WHERE public;

-- What a reporter thought of how their request was handled, given once after it was closed.
CREATE TABLE request_rating (
    request_id  bigint PRIMARY KEY REFERENCES service_request (id),
    score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    -- Free text for the city, never published (not even scrubbed): statistics use scores only.
    comment     text CHECK (char_length(comment) <= 1000),
    -- The status of the request when it was rated is always closed; this says which closure.
    closed_at   timestamptz NOT NULL,
    rated_at    timestamptz NOT NULL DEFAULT now()
);
