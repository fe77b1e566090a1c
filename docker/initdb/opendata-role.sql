-- The read-only role of the open-data routes (CURBSIDE_OPENDATA_DATABASE_USER). It can read only
-- the published schema, which Curbside's migration V16 grants it; what it reads is public anyway,
-- so its password guards little. Run once, when the database is first made.
CREATE ROLE curbside_opendata LOGIN PASSWORD 'curbside_opendata';
