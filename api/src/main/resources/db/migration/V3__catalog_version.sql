-- One number that changes whenever anything in the catalog changes, whoever changes it and on
-- whichever node: API nodes cache the catalog and compare this number (one tiny read) instead
-- of reloading it, and clients get it back as an ETag.
CREATE TABLE catalog_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
-- Starts at the creation time in ms, not 1, so a rebuilt or restored database never reuses an
-- ETag an earlier one handed out.
INSERT INTO catalog_version (version) VALUES ((extract(epoch FROM clock_timestamp()) * 1000)::bigint);

CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER department_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON department
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER service_group_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_group
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER service_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER service_district_department_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON service_district_department FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER service_question_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_question
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER service_question_value_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON service_question_value FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER catalog_import_version AFTER INSERT ON catalog_import
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
