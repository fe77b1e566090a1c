-- A synthetic city's published archive for `script/bench opendata`: :rows requests over five years,
-- written straight into the published table (the benchmark measures the reads, and the Java
-- projector would take hours to write 5 M rows). Like a real city's:
--   - 30 services with a Zipf-like spread (the first a fifth of all requests, the last 1 %), each with its
--     department, target days and privacy class; the sensitive ones on the 500 m grid, times to
--     the city's day and no text, as PublicationPolicy publishes them;
--   - volume growing over the years, reported by day; older requests closed (with a reason),
--     recent ones received, acknowledged or in progress;
--   - points from six dense centres (a downtown and five neighbourhood centres), 400 busy
--     places (a market, a school) and sparse suburbs, snapped to the centres of the
--     LocationGeneralizer's cells; 0.5 % withheld (no point) and 0.02 % tombstones;
--   - valid tracking numbers (TrackingNumber's check symbol, computed here), in random order;
--   - rows appended roughly in the order they were received, in transactions of 100,000 rows,
--     so that changed_xid grows with time as a real archive's does.
-- Fast: indexes and constraints are dropped before the load and built after it (all of them,
-- whichever migration made them), then ANALYZE. Run it as the migrating user on a migrated,
-- empty database:
--   psql -v rows=5000000 -f script/bench.d/opendata-city.sql
\set ON_ERROR_STOP 1
\if :{?rows}
\else
\set rows 5000000
\endif
SET synchronous_commit = off;
-- JIT would spend ten seconds compiling each batch's long projection, then save little.
SET jit = off;
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
-- Steps, so that the load can run in several sessions at once (script/bench runs one per core):
--   -v step=before: drop the indexes and constraints (kept in public.bench_rebuild) and empty the table;
--   -v step=load -v worker=0 -v workers=2: every second batch of rows, from the first;
--   -v step=after: the tombstones, the indexes and constraints again, ANALYZE. Without step: all three.
\if :{?step}
\else
\set step all
\endif
\if :{?workers}
\else
\set worker 0
\set workers 1
\endif
SELECT :'step' IN ('all', 'before') AS step_before, :'step' IN ('all', 'load') AS step_load,
       :'step' IN ('all', 'after') AS step_after \gset

\if :step_before
-- Whatever migrations made, rebuilt after the load: a 5 M-row load into a table with its indexes
-- takes many times longer than the load and the builds together.
DROP TABLE IF EXISTS public.bench_rebuild;
CREATE TABLE public.bench_rebuild AS
SELECT 1 AS step, format('ALTER TABLE opendata.published_request ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) AS ddl
FROM pg_constraint WHERE conrelid = 'opendata.published_request'::regclass
UNION ALL
SELECT 2, indexdef FROM pg_indexes i
WHERE schemaname = 'opendata' AND tablename = 'published_request'
  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = 'opendata.published_request'::regclass);
SELECT format('DROP INDEX opendata.%I', indexname) FROM pg_indexes i
WHERE schemaname = 'opendata' AND tablename = 'published_request'
  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = 'opendata.published_request'::regclass)
\gexec
SELECT format('ALTER TABLE opendata.published_request DROP CONSTRAINT %I', conname)
FROM pg_constraint WHERE conrelid = 'opendata.published_request'::regclass
\gexec
TRUNCATE opendata.published_request;

\endif

\if :step_load
SELECT setseed(0.311 + :worker / 100.0);

-- TrackingNumber: symbols v0..v7 of Crockford base32, Σ vᵢ·α^(i+1) = 0 in GF(32) (x⁵ + x² + 1).
-- contribution[32·i + v + 1] is vᵢ·α^(i+1) for v at position i; check[s + 1] the v7 that cancels a sum s.
CREATE TEMP TABLE bench_gf AS
WITH RECURSIVE e(i, x) AS (
    SELECT 0, 1
    UNION ALL
    SELECT i + 1, CASE WHEN (x << 1) & 32 <> 0 THEN (x << 1) # 37 ELSE x << 1 END FROM e WHERE i < 61),
exp AS (SELECT array_agg(x ORDER BY i) AS exp FROM e),
log AS (SELECT array_agg(coalesce((SELECT min(i) FROM e WHERE x = v AND i < 31), 0) ORDER BY v) AS log
        FROM generate_series(0, 31) v)
SELECT (SELECT array_agg(CASE WHEN v = 0 THEN 0 ELSE exp[1 + log[1 + v] + i + 1] END ORDER BY i, v)
        FROM generate_series(0, 6) i, generate_series(0, 31) v) AS contribution,
       (SELECT array_agg(CASE WHEN s = 0 THEN 0 ELSE exp[1 + (log[1 + s] - 8 + 62) % 31] END ORDER BY s)
        FROM generate_series(0, 31) s) AS "check"
FROM exp, log;

CREATE TEMP TABLE bench_service(k int, code text, name text, department text, days int, privacy text);
INSERT INTO bench_service VALUES
  (1, 'pothole', 'Pothole', 'streets', 10, 'open'),
  (2, 'missed-trash-pickup', 'Missed trash pickup', 'sanitation', 3, 'open'),
  (3, 'graffiti', 'Graffiti', 'code-enforcement', 14, 'open'),
  (4, 'illegal-dumping', 'Illegal dumping', 'sanitation', 7, 'open'),
  (5, 'streetlight-out', 'Streetlight out', 'traffic-engineering', 14, 'open'),
  (6, 'abandoned-vehicle', 'Abandoned vehicle', 'code-enforcement', 21, 'limited'),
  (7, 'noise-complaint', 'Noise complaint', 'code-enforcement', 3, 'sensitive'),
  (8, 'sidewalk-damage', 'Sidewalk damage', 'streets', 60, 'open'),
  (9, 'bulk-item-pickup', 'Bulk item pickup', 'sanitation', 10, 'open'),
  (10, 'fallen-tree', 'Fallen tree', 'parks-forestry', 5, 'open'),
  (11, 'tree-trimming', 'Tree trimming', 'parks-forestry', 90, 'open'),
  (12, 'traffic-signal', 'Traffic signal', 'traffic-engineering', 2, 'open'),
  (13, 'water-leak', 'Water leak', 'water', 3, 'open'),
  (14, 'rodent-activity', 'Rodent activity', 'health', 14, 'limited'),
  (15, 'dead-animal', 'Dead animal', 'sanitation', 2, 'open'),
  (16, 'homeless-encampment', 'Homeless encampment', 'human-services', 7, 'sensitive'),
  (17, 'blocked-sidewalk', 'Blocked sidewalk', 'streets', 7, 'open'),
  (18, 'street-sign-damaged', 'Street sign damaged', 'traffic-engineering', 30, 'open'),
  (19, 'park-maintenance', 'Park maintenance', 'parks-forestry', 14, 'open'),
  (20, 'sewer-backup', 'Sewer backup', 'water', 2, 'open'),
  (21, 'housing-code-violation', 'Housing code violation', 'code-enforcement', 30, 'sensitive'),
  (22, 'snow-removal', 'Snow removal', 'streets', 3, 'open'),
  (23, 'recycling-bin-request', 'Recycling bin request', 'sanitation', 14, 'open'),
  (24, 'overgrown-lot', 'Overgrown lot', 'code-enforcement', 21, 'open'),
  (25, 'storm-drain-clogged', 'Storm drain clogged', 'water', 7, 'open'),
  (26, 'parking-enforcement', 'Parking enforcement', 'traffic-engineering', 1, 'limited'),
  (27, 'bike-lane-obstruction', 'Bike lane obstruction', 'traffic-engineering', 3, 'open'),
  (28, 'animal-bite', 'Animal bite', 'health', 2, 'sensitive'),
  (29, 'vacant-building', 'Vacant building', 'code-enforcement', 45, 'open'),
  (30, 'street-flooding', 'Street flooding', 'water', 3, 'open');

-- What a row looks up by number, as arrays in one row: indexing an array costs less than a join, and
-- keeps the rows in the order generated (a join sorted them by service).
CREATE TEMP TABLE bench_city (code text[], name text[], department text[], days int[], privacy text[],
    centre_lon float8[], centre_lat float8[], centre_spread float8[], hood text[]);
-- PLAIN: not even compressed in place, which would be undone for every row too.
ALTER TABLE bench_city ALTER code SET STORAGE PLAIN, ALTER name SET STORAGE PLAIN, ALTER department SET STORAGE PLAIN,
    ALTER days SET STORAGE PLAIN, ALTER privacy SET STORAGE PLAIN, ALTER hood SET STORAGE PLAIN;
INSERT INTO bench_city
SELECT (SELECT array_agg(code ORDER BY k) FROM bench_service), (SELECT array_agg(name ORDER BY k) FROM bench_service),
       (SELECT array_agg(department ORDER BY k) FROM bench_service), (SELECT array_agg(days ORDER BY k) FROM bench_service),
       (SELECT array_agg(privacy ORDER BY k) FROM bench_service),
       -- The dense centres: downtown first; lon, lat, spread in degrees of latitude.
       ARRAY[-82.999, -83.045, -82.955, -83.020, -82.930, -83.080] AS centre_lon,
       ARRAY[39.962, 40.010, 40.025, 39.925, 39.975, 39.990] AS centre_lat,
       ARRAY[0.012, 0.010, 0.009, 0.011, 0.008, 0.010] AS centre_spread,
       ARRAY['westfield', 'prospect-hill', 'northgate', 'elm-heights', 'cedar-hollow', 'harmon-square', 'fairmont',
             'eastwood', 'mill-race', 'old-town', 'brickyard', 'oak-grove', 'riverside', 'lockport', 'linden',
             'clintonville', 'german-village', 'short-north', 'hilltop', 'franklinton', 'olde-towne-east',
             'italian-village', 'victorian-village', 'harrison-west', 'weinland-park', 'milo-grogan', 'south-side',
             'merion-village', 'schumacher-place', 'driving-park', 'near-east', 'king-lincoln', 'berwick',
             'walnut-ridge', 'southfield', 'lincoln-village', 'westgate', 'marble-cliff', 'beechwold', 'northland'] AS hood;


-- Rows lo..hi of the :rows, in one statement (one transaction, one changed_xid).
PREPARE bench_load(bigint, bigint, bigint) AS
INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department, districts,
    district_codes, status, status_detail, received_at, updated_at, closed_at, expected_at, on_time, me_too_count,
    channel, location, location_precision_m, description, photo_urls, changed_at)
SELECT tn.tracking_number, s.code, s.name, s.department,
       jsonb_build_object('council_districts', d.council, 'neighborhoods', d.hood), ARRAY[d.council, d.hood],
       st.status, st.detail, pub.received, pub.updated, pub.closed, pub.expected,
       CASE WHEN st.closed_at IS NOT NULL THEN st.closed_at <= t.expected END,
       floor(-ln(1 - r.me_too) * 0.6)::int,
       CASE WHEN r.channel < 0.45 THEN 'mobile_app' WHEN r.channel < 0.70 THEN 'web' WHEN r.channel < 0.92 THEN 'phone'
            WHEN r.channel < 0.96 THEN 'email' WHEN r.channel < 0.98 THEN 'walk_in' ELSE 'liaison' END,
       CASE WHEN NOT r.withheld THEN ST_SetSRID(ST_MakePoint(round(cell.lon::numeric, 6), round(cell.lat::numeric, 6)), 4326) END,
       CASE WHEN NOT r.withheld THEN cell.metres END,
       CASE WHEN s.privacy = 'open' AND r.text < 0.35
            THEN (ARRAY['Large one in the right lane, getting worse after the rain',
                        'Been like this for two weeks near the bus stop',
                        'Please send someone, it is a hazard for kids walking to school',
                        'Reported before, still not fixed', 'Across from the park entrance'])[1 + floor(r.text * 14)::int]
            END,
       CASE WHEN r.photo < 0.2 THEN jsonb_build_array('https://curbside.example/v1/photos/' || tn.tracking_number || '/1/display')
            ELSE '[]'::jsonb END,
       pub.updated
FROM (
    SELECT n, random() AS service, random() AS place, random() AS u1, random() AS u2, random() AS hour, random() AS close,
           random() AS reason, random() AS open, random() AS channel, random() AS me_too, random() AS text,
           random() AS photo, random() AS busy, random() < 0.005 AS withheld, random() < 0.03 AS stuck
    FROM generate_series($1, $2) n OFFSET 0) r
CROSS JOIN bench_city c
CROSS JOIN bench_gf gf
CROSS JOIN LATERAL (
    -- Zipf-like: P(k) = ln((k + 1) / k) / ln 31, the first service a fifth of all requests, the thirtieth 1 %.
    SELECT c.code[k] AS code, c.name[k] AS name, c.department[k] AS department, c.days[k] AS days, c.privacy[k] AS privacy
    FROM (SELECT floor(31 ^ r.service)::int AS k) k OFFSET 0) s
CROSS JOIN LATERAL (
    -- A scrambled 35-bit number (an odd multiplier is a bijection modulo 2^35), its seven symbols and the check.
    SELECT ((r.n * 23456789017) & 34359738367) AS v OFFSET 0) x
CROSS JOIN LATERAL (
    SELECT ARRAY[(x.v >> 30) & 31, (x.v >> 25) & 31, (x.v >> 20) & 31, (x.v >> 15) & 31, (x.v >> 10) & 31,
                 (x.v >> 5) & 31, x.v & 31]::int[] AS v OFFSET 0) sym
CROSS JOIN LATERAL (
    SELECT gf.contribution[1 + sym.v[1]] # gf.contribution[33 + sym.v[2]] # gf.contribution[65 + sym.v[3]]
           # gf.contribution[97 + sym.v[4]] # gf.contribution[129 + sym.v[5]] # gf.contribution[161 + sym.v[6]]
           # gf.contribution[193 + sym.v[7]] AS sum OFFSET 0) chk
CROSS JOIN LATERAL (
    SELECT 'CS-' || substr(a, 1 + sym.v[1], 1) || substr(a, 1 + sym.v[2], 1) || substr(a, 1 + sym.v[3], 1)
           || substr(a, 1 + sym.v[4], 1) || '-' || substr(a, 1 + sym.v[5], 1) || substr(a, 1 + sym.v[6], 1)
           || substr(a, 1 + sym.v[7], 1) || substr(a, 1 + gf."check"[1 + chk.sum], 1) AS tracking_number
    FROM (SELECT '0123456789ABCDEFGHJKMNPQRSTVWXYZ' AS a) alphabet) tn
CROSS JOIN LATERAL (
    -- Five years to today, more each year (f^0.8: later rows lie closer together), in the city's daytime.
    SELECT least(now() - interval '1 minute',
                 date_trunc('day', now() - interval '5 years')
                 + make_interval(days => floor(1826 * ((r.n - 1)::float8 / $3) ^ 0.8)::int)
                 + make_interval(secs => 21600 + 50400 * (0.5 + (r.hour - 0.5) * abs(r.hour - 0.5) * 2))) AS received OFFSET 0) t0
CROSS JOIN LATERAL (
    SELECT t0.received, t0.received + make_interval(days => s.days) AS expected,
           -- A service's requests mostly close in about its target time, some much later; 3 % never.
           t0.received + make_interval(secs => -ln(1 - r.close) * s.days * 0.8 * 86400) AS closing OFFSET 0) t
CROSS JOIN LATERAL (
    SELECT CASE WHEN t.closing < now() AND NOT r.stuck THEN t.closing END AS closed_at OFFSET 0) cl
CROSS JOIN LATERAL (
    SELECT cl.closed_at,
           CASE WHEN cl.closed_at IS NOT NULL THEN 'closed' WHEN r.open < 0.15 THEN 'received'
                WHEN r.open < 0.55 THEN 'acknowledged' ELSE 'in_progress' END AS status,
           CASE WHEN cl.closed_at IS NOT NULL THEN
                CASE WHEN r.reason < 0.70 THEN 'fixed' WHEN r.reason < 0.80 THEN 'duplicate'
                     WHEN r.reason < 0.88 THEN 'no_action_needed' WHEN r.reason < 0.93 THEN 'not_city_responsibility'
                     WHEN r.reason < 0.97 THEN 'could_not_locate' ELSE 'referred' END END AS detail,
           coalesce(cl.closed_at, least(now(), t.received + make_interval(secs => r.open * 3 * 86400))) AS updated OFFSET 0) st
CROSS JOIN LATERAL (
    -- Sensitive classes publish the city's date, not the minute.
    SELECT CASE WHEN s.privacy = 'sensitive' THEN date_trunc('day', t.received AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York' ELSE t.received END AS received,
           CASE WHEN s.privacy = 'sensitive' THEN date_trunc('day', st.updated AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York' ELSE st.updated END AS updated,
           CASE WHEN s.privacy = 'sensitive' THEN date_trunc('day', st.closed_at AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York' ELSE st.closed_at END AS closed,
           CASE WHEN s.privacy = 'sensitive' THEN date_trunc('day', t.expected AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York' ELSE t.expected END AS expected OFFSET 0) pub
CROSS JOIN LATERAL (
    -- 45 % round the six centres (downtown a third of them), 20 % round 400 busy places (a market, a
    -- school: about 300 m across), 35 % anywhere in about 30 x 23 km.
    SELECT sqrt(-2 * ln(1 - r.u1)) * cos(2 * pi() * r.u2) AS gx, sqrt(-2 * ln(1 - r.u1)) * sin(2 * pi() * r.u2) AS gy,
           CASE WHEN r.place < 0.15 THEN 1 WHEN r.place < 0.45 THEN 2 + floor((r.place - 0.15) / 0.06)::int END AS centre,
           floor(r.busy * 400)::int AS busy OFFSET 0) gauss
CROSS JOIN LATERAL (
    SELECT CASE WHEN gauss.centre IS NOT NULL THEN c.centre_lon[gauss.centre] + gauss.gx * c.centre_spread[gauss.centre] * 1.3
                WHEN r.place < 0.65 THEN -83.16 + 0.32 * ((hashint4(gauss.busy) & 65535) / 65536.0) + (r.u2 - 0.5) * 0.004
                ELSE -83.176 + r.u2 * 0.352 END AS lon,
           CASE WHEN gauss.centre IS NOT NULL THEN c.centre_lat[gauss.centre] + gauss.gy * c.centre_spread[gauss.centre]
                WHEN r.place < 0.65 THEN 39.89 + 0.21 * ((hashint4(gauss.busy + 1000) & 65535) / 65536.0) + (r.u1 - 0.5) * 0.003
                ELSE 39.89 + ((r.place - 0.65) / 0.35) * 0.21 END AS lat OFFSET 0) p
CROSS JOIN LATERAL (
    -- LocationGeneralizer's cell: rows of the cell size in latitude, each cut into whole cells about as wide.
    SELECT CASE WHEN s.privacy = 'sensitive' THEN 500 ELSE 100 END AS metres,
           180.0 / round(180 * 111195.08 / CASE WHEN s.privacy = 'sensitive' THEN 500 ELSE 100 END) AS row_degrees OFFSET 0) grid
CROSS JOIN LATERAL (
    SELECT -90 + (floor((p.lat + 90) / grid.row_degrees) + 0.5) * grid.row_degrees AS lat OFFSET 0) cell_row
CROSS JOIN LATERAL (
    SELECT 360.0 / greatest(1, floor(360 * 111195.08 * cos(radians(cell_row.lat)) / grid.metres)) AS column_degrees OFFSET 0) cell_column
CROSS JOIN LATERAL (
    SELECT grid.metres, cell_row.lat, -180 + (floor((p.lon + 180) / cell_column.column_degrees) + 0.5) * cell_column.column_degrees AS lon OFFSET 0) cell
CROSS JOIN LATERAL (
    SELECT (1 + (floor((p.lon + 83.176) / 0.352 * 3)::int + 3 * floor((p.lat - 39.89) / 0.21 * 3)::int + 90) % 9)::text AS council,
           c.hood[1 + (floor((p.lon + 83.176) / 0.352 * 8)::int + 8 * floor((p.lat - 39.89) / 0.21 * 5)::int + 400) % 40] AS hood OFFSET 0) d;

SELECT format('EXECUTE bench_load(%s, %s, %s)', lo, least(lo + 99999, :rows), :rows)
FROM generate_series(1, :rows, 100000) lo WHERE (lo / 100000) % :workers = :worker
\gexec

\endif

\if :step_after
-- A few tombstones: requests that stopped being public keep only their number and when.
UPDATE opendata.published_request
SET service_code = NULL, service_name = NULL, department = NULL, districts = NULL, district_codes = NULL, status = NULL,
    status_detail = NULL, received_at = NULL, updated_at = NULL, closed_at = NULL, expected_at = NULL, on_time = NULL,
    me_too_count = NULL, channel = NULL, location = NULL, location_precision_m = NULL, description = NULL,
    photo_urls = NULL, address = NULL, withdrawn_at = least(now(), changed_at + interval '2 days'), changed_at = least(now(), changed_at + interval '2 days'), changed_xid = pg_current_xact_id()
WHERE ctid = ANY (ARRAY(SELECT ctid FROM opendata.published_request TABLESAMPLE BERNOULLI (0.02)));

SELECT ddl FROM public.bench_rebuild ORDER BY step
\gexec
DROP TABLE public.bench_rebuild;
VACUUM ANALYZE opendata.published_request;
\endif
