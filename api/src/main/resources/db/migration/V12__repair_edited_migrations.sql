-- V3 and V4 were edited after they had landed, so a database migrated with an earlier version
-- lacks what the edits added; this adds it. Each statement checks first (or, for the trigger,
-- makes it again as it is), so on a database the current files made it changes nothing. V8's
-- edit changed no schema, and V6 was edited before it reached main. Flyway accepts the earlier
-- versions' checksums (beforeValidate__accept_edited_migrations.sql); script/check-migrations
-- upgrades a database from every earlier version and compares its schema with a new one's.

-- On a database that has it all, each check says "already exists, skipping", which Flyway would log
-- as a warning at every new city's first start: expected here, so not said. Until the commit.
SET LOCAL client_min_messages = warning;

-- V3 before 00a8fe6 bumped the catalog's version on inserts into catalog_import only. Dropped and
-- made again rather than CREATE OR REPLACE TRIGGER, which PostgreSQL 13 does not have.
DROP TRIGGER IF EXISTS catalog_import_version ON catalog_import;
CREATE TRIGGER catalog_import_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_import
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');

-- V4 before 478ff6a: the sweeper's scan of the photo journal by age had no index.
CREATE INDEX IF NOT EXISTS pending_photo_file_created_idx ON pending_photo_file (created_at);

-- V4 before 3a965bc: no public location. Requests filed before it keep none, so they are not
-- offered as nearby duplicates: their cell depends on the publication policy's settings, which
-- the database does not know.
ALTER TABLE service_request ADD COLUMN IF NOT EXISTS public_location geography(Point, 4326);
CREATE INDEX IF NOT EXISTS service_request_open_public_location_idx ON service_request USING gist (public_location)
    WHERE status <> 'closed';

-- V4 before b359c8c: no claims on the photo journal's rows while their files are deleted.
ALTER TABLE pending_photo_file ADD COLUMN IF NOT EXISTS claimed_until timestamptz;
