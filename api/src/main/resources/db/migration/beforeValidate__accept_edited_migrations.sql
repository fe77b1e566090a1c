-- Flyway refuses to start on a database whose applied migration's checksum differs from its
-- file's. V3, V4 and V8 were edited after they had landed; V12 gives a database migrated with an
-- earlier version what the edits added (V8's edit changed no schema: it gives requests already
-- closed a reason, where the earlier version failed, and so never ran). So the checksums of those
-- earlier versions, and only those, are taken for the current ones: a `flyway repair` limited to
-- the edits we know. Any other difference still stops the start. Runs before every validation;
-- after the first it finds nothing to change.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        UPDATE flyway_schema_history h SET checksum = edited.current
        FROM (VALUES ('3', -98974747, -1384523662),  -- V3 as of 05396cc
                     ('4', 645277532, -675347752),   -- V4 as of 9a2a2d7, d3d1a54, 478ff6a and 3a965bc
                     ('4', -2079651929, -675347752),
                     ('4', 76253715, -675347752),
                     ('4', -2116320234, -675347752),
                     ('8', -762519227, -1975016241)  -- V8 as of e20ef62
             ) AS edited (version, earlier, current)
        WHERE h.version = edited.version AND h.checksum = edited.earlier;
    END IF;
END
$$;
