-- Service requests: what residents report, their public history, photos and "me too"s, and
-- the idempotency records that let phones retry without filing twice.

-- The city's working calendar (part of the catalog): turns "3 business days" into a date.
CREATE TABLE business_calendar (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    timezone  text NOT NULL,
    holidays  date[] NOT NULL DEFAULT '{}'
);
CREATE TRIGGER business_calendar_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON business_calendar
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');

CREATE TABLE service_request (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Public, random, never reused: the id in every public interface (CS- and two groups of
    -- four Crockford base32 symbols, the last a check symbol).
    tracking_number     text NOT NULL UNIQUE CHECK (tracking_number ~ '^CS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
    service_code        text NOT NULL REFERENCES service (code),
    status              text NOT NULL DEFAULT 'received'
                        CHECK (status IN ('received', 'acknowledged', 'in_progress', 'closed')),
    -- The exact point: shown to the reporter and staff only. geography, so distances are metres.
    location            geography(Point, 4326) NOT NULL,
    -- The point as the public may see it, from the publication policy at filing (the centre of
    -- a grid cell; null when the service publishes no place): lists and maps of requests are
    -- worked out from it, so no query on them can find the exact point.
    public_location     geography(Point, 4326),
    location_accuracy_m double precision CHECK (location_accuracy_m >= 0),
    location_text       text,
    description         text,
    answers             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
    contact_name        text,
    contact_email       text,
    contact_phone       text,
    language            text NOT NULL,
    channel             text NOT NULL
                        CHECK (channel IN ('mobile_app', 'web', 'phone', 'email', 'walk_in', 'liaison')),
    device_id           text,
    -- Only a hash: the token itself is shown once, to the reporter.
    receipt_token_hash  bytea NOT NULL,
    department_code     text NOT NULL REFERENCES department (code),
    -- The district of the routing layer, and of every layer: {"council_districts": "3", ...}.
    district_code       text,
    districts           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(districts) = 'object'),
    received_at         timestamptz NOT NULL DEFAULT now(),
    expected_at         timestamptz NOT NULL,
    closed_at           timestamptz,
    me_too_count        integer NOT NULL DEFAULT 0 CHECK (me_too_count >= 0),
    -- The open request of the same service nearby when this one was filed, for staff to judge.
    suspected_duplicate_of bigint REFERENCES service_request (id),
    -- Bumped by every change to the request or its history (triggers below): the ETag.
    version             bigint NOT NULL DEFAULT 1,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Duplicate search asks for open requests of one service near a point, recently filed:
-- only open requests are indexed, which keeps the index small however large the archive.
CREATE INDEX service_request_open_location_idx ON service_request USING gist (location)
    WHERE status <> 'closed';
CREATE INDEX service_request_service_received_idx ON service_request (service_code, received_at);
-- The public "is it already reported nearby?" search, on the published points.
CREATE INDEX service_request_open_public_location_idx ON service_request USING gist (public_location)
    WHERE status <> 'closed';

CREATE FUNCTION bump_request_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER service_request_version BEFORE UPDATE ON service_request
    FOR EACH ROW EXECUTE FUNCTION bump_request_version();

-- The request's history: nothing is ever overwritten, every change is a new row.
CREATE TABLE request_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES service_request (id),
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    status      text NOT NULL CHECK (status IN ('received', 'acknowledged', 'in_progress', 'closed')),
    public      boolean NOT NULL,
    note        text,
    data        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_event_request_idx ON request_event (request_id, id);

CREATE TABLE request_photo (
    id              text PRIMARY KEY CHECK (id ~ '^[0-9a-z]{16,32}$'),
    request_id      bigint NOT NULL REFERENCES service_request (id),
    position        smallint NOT NULL CHECK (position BETWEEN 1 AND 5),
    display_key     text NOT NULL,
    display_width   integer NOT NULL,
    display_height  integer NOT NULL,
    display_bytes   integer NOT NULL,
    thumbnail_key   text NOT NULL,
    thumbnail_bytes integer NOT NULL,
    -- Photos may show faces, plates, homes: public only once someone decides so.
    public          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, position)
);

CREATE TABLE me_too (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES service_request (id),
    -- SHA-256 of the device id: counts a device once without keeping its id.
    device_hash bytea,
    channel     text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX me_too_device_idx ON me_too (request_id, device_hash) WHERE device_hash IS NOT NULL;

-- Anything that changes a request's history changes its version (and so its ETag).
CREATE FUNCTION touch_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE service_request SET updated_at = now() WHERE id = NEW.request_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER request_event_touch AFTER INSERT ON request_event
    FOR EACH ROW EXECUTE FUNCTION touch_request();
CREATE TRIGGER request_photo_touch AFTER INSERT OR UPDATE ON request_photo
    FOR EACH ROW EXECUTE FUNCTION touch_request();

-- Photo files written before the request that owns them commits. A row here whose file has
-- no committed request_photo after a while is an orphan, deleted by the sweeper.
CREATE TABLE pending_photo_file (
    key           text PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Set while a node deletes the file: the row goes only once the file is gone, so a crash in
    -- between leaves it for the sweeper, which takes claims that have lapsed.
    claimed_until timestamptz
);
-- The sweeper takes the oldest entries past their grace period.
CREATE INDEX pending_photo_file_created_idx ON pending_photo_file (created_at);

-- Idempotency-Key records (IETF httpapi draft): the first answer to a key, replayed to retries.
CREATE TABLE idempotency_record (
    scope        text NOT NULL,
    -- SHA-256 of the client's key, in hex: the key itself opens the answer body, sealed under
    -- it (SealedAnswer), so a copy of the database cannot read a receipt token from it.
    key          text NOT NULL,
    -- SHA-256 of the request as understood (not its raw bytes: multipart boundaries differ).
    fingerprint  bytea NOT NULL,
    state        text NOT NULL CHECK (state IN ('running', 'done')),
    -- Who runs it, and until when: a node that died mid-request loses its claim after this.
    owner        uuid,
    lease_until  timestamptz,
    status       integer,
    headers      jsonb,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);
