-- A daily snapshot is a copy of the published dataset, kept for days (CURBSIDE_OPENDATA_SNAPSHOT_RETENTION).
-- What is later taken out of public view must leave the copies too: a request withdrawn (its service
-- withheld), a text scrubbed or removed, a photo unpublished, a place or a time made coarser. Such a change
-- notes its transaction here (one row per transaction, by the statement trigger below). A snapshot
-- records the horizon of the database snapshot it was read from (pg_snapshot_xmin): a retraction whose
-- transaction id is at or past it may be missing from the file, so the file is stale. Stale snapshots
-- are listed and served no more at once (downloads.SnapshotRepository), and the next run of the job
-- deletes them and writes the day's again. Snapshots from before this migration have no horizon: stale.
CREATE TABLE opendata.retraction (
    xid xid8 PRIMARY KEY
);

ALTER TABLE opendata.snapshot ADD COLUMN visible_below xid8;

CREATE FUNCTION opendata.note_retraction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT FROM old_rows o JOIN new_rows n USING (tracking_number)
        WHERE o.listed AND o.withdrawn_at IS NULL
          AND (n.withdrawn_at IS NOT NULL
               OR (o.description IS NOT NULL AND n.description IS DISTINCT FROM o.description)
               OR (o.photo_urls IS NOT NULL AND NOT coalesce(n.photo_urls @> o.photo_urls, false))
               OR (o.location IS NOT NULL AND (n.location IS NULL
                   OR coalesce(n.location_precision_m, 0) > coalesce(o.location_precision_m, 0)))
               OR n.received_at IS DISTINCT FROM o.received_at
               OR (o.address IS NOT NULL AND n.address IS DISTINCT FROM o.address))) THEN
        INSERT INTO opendata.retraction (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- Also fires for the UPDATE of an INSERT ... ON CONFLICT DO UPDATE (the publication's upsert), with the
-- updated rows in the transition tables.
CREATE TRIGGER published_request_retraction AFTER UPDATE ON opendata.published_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION opendata.note_retraction();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'curbside_opendata') THEN
        GRANT SELECT ON opendata.retraction TO curbside_opendata;
    END IF;
END
$$;
