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

-- Every table of a kind bumps that kind's version, once per statement.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('department', 'catalog'), ('service_group', 'catalog'), ('service', 'catalog'),
            ('service_district_department', 'catalog'), ('service_question', 'catalog'),
            ('service_question_value', 'catalog'), ('catalog_import', 'catalog'),
            ('jurisdiction', 'jurisdiction'), ('district_layer', 'jurisdiction'), ('district', 'jurisdiction'))
            AS kinds (table_name, kind)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version(%L)',
                       t.table_name || '_version', t.table_name, t.kind);
    END LOOP;
END
$$;
