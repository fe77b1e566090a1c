-- The published dataset: what the public may see of each request, apart from the private
-- tables, in its own schema so that a database role can be given it and nothing else
-- (curbside_opendata, made by script/server and the tests; granted below where it exists).
-- Rows are written by Java (opendata.Publisher), never here: the description is scrubbed and
-- the point generalized by PublicationPolicy at write time, so what is stored is what is shown.

CREATE SCHEMA opendata;

CREATE TABLE opendata.published_request (
    tracking_number      text PRIMARY KEY,
    service_code         text,
    -- In the catalog's default language.
    service_name         text,
    department           text,
    -- Every layer: {"council_districts": "3", ...}; district_codes the same codes, for filtering.
    districts            jsonb,
    district_codes       text[],
    status               text,
    -- Why it was closed (fixed, duplicate, referred...), null while open.
    status_detail        text,
    -- Sensitive classes publish these to the day (midnight of the city's date), not the minute.
    received_at          timestamptz,
    updated_at           timestamptz,
    closed_at            timestamptz,
    expected_at          timestamptz,
    on_time              boolean,
    me_too_count         integer,
    channel              text,
    -- The centre of the policy's cell, null when withheld; never the reported point.
    location             geometry(Point, 4326),
    location_precision_m integer,
    description          text,
    photo_urls           jsonb,
    -- A block range, never a house number; null until addresses exist.
    address              text,
    -- A tombstone: a request that stops being public keeps its row with only the tracking number
    -- and this, so a change feed can tell mirrors to delete it.
    withdrawn_at         timestamptz,
    -- The change feed reads in commit order: the writing transaction's id, compared with
    -- pg_snapshot_xmin so a late-committing transaction is never skipped.
    changed_xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_at           timestamptz NOT NULL DEFAULT now(),
    -- A live row has all its required fields; a tombstone has none of them.
    CONSTRAINT published_request_live_or_withdrawn CHECK (
        (withdrawn_at IS NULL AND service_code IS NOT NULL AND service_name IS NOT NULL AND status IS NOT NULL
            AND received_at IS NOT NULL AND updated_at IS NOT NULL AND me_too_count IS NOT NULL)
        OR (withdrawn_at IS NOT NULL AND service_code IS NULL AND status IS NULL AND received_at IS NULL
            AND location IS NULL AND description IS NULL AND photo_urls IS NULL))
);

-- bbox queries (OGC items, tiles): the published point only.
CREATE INDEX published_request_location_idx ON opendata.published_request USING gist (location);
-- Keyset paging in a stable order, and datetime filters.
CREATE INDEX published_request_received_idx ON opendata.published_request (received_at, tracking_number);
-- The change feed.
CREATE INDEX published_request_changed_idx ON opendata.published_request (changed_xid);
CREATE INDEX published_request_service_idx ON opendata.published_request (service_code);
CREATE INDEX published_request_status_idx ON opendata.published_request (status);
CREATE INDEX published_request_district_idx ON opendata.published_request USING gin (district_codes);

-- A reporter who erased their account can no longer be scrubbed out of their own words (their
-- name is gone with it): from then on their descriptions are not published.
ALTER TABLE service_request ADD COLUMN reporter_erased boolean NOT NULL DEFAULT false;

-- Requests changed and not yet published. A trigger, because a Java hook would miss every
-- path: each change to a request, to its photos or history (touch_request), or to its service's
-- name or privacy class lands here, and the writing transaction publishes and deletes its own
-- rows before it commits (opendata.Publisher.publishDue). What a hand edit in SQL leaves is
-- published by the sweeper within seconds. In the public schema: row ids are private.
CREATE TABLE publication_due (
    request_id bigint PRIMARY KEY REFERENCES service_request (id) ON DELETE CASCADE,
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE FUNCTION request_publication_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO publication_due (request_id) VALUES (NEW.id)
    ON CONFLICT (request_id) DO UPDATE SET xid = EXCLUDED.xid;
    RETURN NULL;
END
$$;
CREATE TRIGGER service_request_publication_due AFTER INSERT OR UPDATE ON service_request
    FOR EACH ROW EXECUTE FUNCTION request_publication_due();

-- A service's name or privacy class is part of every one of its requests' public form.
CREATE FUNCTION service_publication_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO publication_due (request_id) SELECT id FROM service_request WHERE service_code = NEW.code
    ON CONFLICT (request_id) DO UPDATE SET xid = EXCLUDED.xid;
    RETURN NULL;
END
$$;
CREATE TRIGGER service_publication_due AFTER UPDATE OF name, privacy_class ON service
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.privacy_class IS DISTINCT FROM NEW.privacy_class)
    EXECUTE FUNCTION service_publication_due();

-- The open-data role reads the published schema and nothing else. Made outside migrations (a
-- role belongs to the cluster, and making one needs a right the migrating user may lack);
-- granted here when it already exists, and by script/lib/database.sh otherwise.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'curbside_opendata') THEN
        GRANT USAGE ON SCHEMA opendata TO curbside_opendata;
        GRANT SELECT ON ALL TABLES IN SCHEMA opendata TO curbside_opendata;
        ALTER DEFAULT PRIVILEGES IN SCHEMA opendata GRANT SELECT ON TABLES TO curbside_opendata;
    END IF;
END
$$;
