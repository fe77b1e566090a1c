-- The daily snapshots of the published dataset (downloads.Snapshots): a row per file, inserted only once the
-- file is complete under its name, so a listed snapshot always exists. In the opendata schema: what it lists
-- (names, dates, sizes, row counts, checksums) is public, and the open-data role serves the listing; the main
-- role writes it.
CREATE TABLE opendata.snapshot (
    name          text PRIMARY KEY,
    format        text NOT NULL CHECK (format IN ('csv', 'geojson', 'ndjson')),
    -- The UTC date it was taken on: one per format and day.
    snapshot_date date NOT NULL,
    size_bytes    bigint NOT NULL,
    row_count     bigint NOT NULL,
    -- Of the file's bytes as served (gzip), in hex: its ETag, and what a mirror checks its copy against.
    sha256        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (snapshot_date, format)
);

-- V16's default privileges grant the open-data role this table where the role existed when V16 ran; where it
-- did not, script/lib/database.sh grants the schema's tables later. Granted here as well, so the listing never
-- depends on which came first.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'curbside_opendata') THEN
        GRANT SELECT ON opendata.snapshot TO curbside_opendata;
    END IF;
END
$$;
