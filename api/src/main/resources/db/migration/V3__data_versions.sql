-- One number per kind of reference data that changes whenever anything of that kind changes,
-- whoever changes it and on whichever node: API nodes cache the data and compare this number
-- (one tiny read) instead of reloading it, and clients get it back in the ETag.
CREATE TABLE data_version (
    name    text PRIMARY KEY,
    version bigint NOT NULL
);
-- Starts at the creation time in ms, not 1, so a rebuilt or restored database never reuses an
-- ETag an earlier one handed out.
INSERT INTO data_version (name, version)
SELECT name, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
FROM (VALUES ('catalog'), ('jurisdiction')) AS kinds (name);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE name = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE TRIGGER department_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON department
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER service_group_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_group
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER service_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER service_district_department_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON service_district_department FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER service_question_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_question
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER service_question_value_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON service_question_value FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');
CREATE TRIGGER catalog_import_version AFTER INSERT ON catalog_import
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalog');

CREATE TRIGGER jurisdiction_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jurisdiction
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('jurisdiction');
CREATE TRIGGER district_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district_layer
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('jurisdiction');
CREATE TRIGGER district_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON district
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('jurisdiction');
