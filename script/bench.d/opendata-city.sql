-- A synthetic city's published archive for `script/bench opendata`: :rows requests over four
-- years in the demo city's bounding box, clustered like a real city (most requests near a few
-- hundred busy places, the rest spread out), with a realistic mix of services and statuses
-- (older requests closed, recent ones still open). Written straight into the published table:
-- the benchmark measures the reads, and the Java projector would take hours to write 5 M rows.
--   psql -v rows=5000000 -f script/bench.d/opendata-city.sql
SELECT setseed(0.311);

CREATE TEMP TABLE bench_service(code text, name text, department text, weight int, days int) ON COMMIT PRESERVE ROWS;
INSERT INTO bench_service VALUES
  ('pothole', 'Pothole', 'streets', 22, 10), ('graffiti', 'Graffiti', 'code-enforcement', 14, 14),
  ('illegal-dumping', 'Illegal dumping', 'sanitation', 12, 7), ('missed-trash-pickup', 'Missed trash pickup', 'sanitation', 11, 3),
  ('streetlight-out', 'Streetlight out', 'traffic-engineering', 9, 14), ('abandoned-vehicle', 'Abandoned vehicle', 'code-enforcement', 7, 21),
  ('sidewalk-damage', 'Sidewalk damage', 'streets', 6, 60), ('fallen-tree', 'Fallen tree', 'parks-forestry', 5, 5),
  ('tree-trimming', 'Tree trimming', 'parks-forestry', 4, 90), ('traffic-signal', 'Traffic signal', 'traffic-engineering', 3, 2),
  ('water-leak', 'Water leak', 'water', 3, 3), ('dead-animal', 'Dead animal', 'sanitation', 2, 2),
  ('blocked-sidewalk', 'Blocked sidewalk', 'streets', 1, 7), ('street-sign-damaged', 'Street sign damaged', 'traffic-engineering', 1, 30);
CREATE TEMP TABLE bench_pick AS
  SELECT code, name, department, days,
         coalesce(sum(weight) OVER (ORDER BY code ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::float / sum(weight) OVER () AS low,
         sum(weight) OVER (ORDER BY code)::float / sum(weight) OVER () AS high
  FROM bench_service;

-- 300 busy places: a normal spread of about 300 m round each.
CREATE TEMP TABLE bench_place AS
  SELECT n, -83.082 + random() * 0.164 AS lon, 39.946424 + random() * 0.101076 AS lat
  FROM generate_series(0, 299) n;

CREATE TEMP TABLE bench_row AS
  SELECT g AS n, random() AS r_service, random() AS r_place, random() AS r_spread, random() AS r_age,
         random() AS r_close, random() AS r_channel, random() AS a, random() AS b
  FROM generate_series(1, :rows) g;

INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department, districts,
    district_codes, status, status_detail, received_at, updated_at, closed_at, expected_at, on_time, me_too_count,
    channel, location, location_precision_m, description, photo_urls, changed_at)
SELECT 'BN-' || lpad(r.n::text, 8, '0'), s.code, s.name, s.department,
       jsonb_build_object('council_districts', d.council, 'neighborhoods', d.hood),
       ARRAY[d.council, d.hood],
       CASE WHEN c.closed THEN 'closed' WHEN r.a < 0.4 THEN 'in_progress' ELSE 'acknowledged' END,
       CASE WHEN c.closed THEN (ARRAY['resolved', 'resolved', 'resolved', 'duplicate', 'no-action-needed'])[1 + (r.b * 5)::int % 5] END,
       t.received, coalesce(cl.closed_at, t.received + interval '1 hour'), cl.closed_at, t.received + make_interval(days => s.days),
       CASE WHEN c.closed THEN cl.closed_at <= t.received + make_interval(days => s.days) END,
       (r.a * r.a * 6)::int,
       (ARRAY['mobile', 'mobile', 'mobile', 'web', 'phone', 'liaison'])[1 + (r.r_channel * 6)::int % 6],
       ST_SetSRID(ST_MakePoint(round(p.lon::numeric, 3), round(p.lat::numeric, 3)), 4326), 100,
       CASE WHEN r.b < 0.3 THEN 'Reported near the ' || s.name || ' on the corner, [address] — please fix' END,
       '[]'::jsonb, coalesce(cl.closed_at, t.received + interval '1 hour')
FROM bench_row r
JOIN bench_pick s ON r.r_service >= s.low AND r.r_service < s.high
CROSS JOIN LATERAL (
  SELECT CASE WHEN r.r_place < 0.7
              THEN (SELECT lon FROM bench_place WHERE n = (r.a * 299)::int) + (r.r_spread - 0.5) * 0.008
              ELSE -83.082 + r.r_spread * 0.164 END AS lon,
         CASE WHEN r.r_place < 0.7
              THEN (SELECT lat FROM bench_place WHERE n = (r.a * 299)::int) + (r.b - 0.5) * 0.006
              ELSE 39.946424 + r.b * 0.101076 END AS lat) p
CROSS JOIN LATERAL (
  SELECT now() - make_interval(secs => (r.r_age ^ 1.6) * 4 * 365 * 86400) AS received) t
CROSS JOIN LATERAL (
  SELECT t.received < now() - interval '2 days' AND r.r_close < 0.92 AS closed) c
CROSS JOIN LATERAL (
  SELECT CASE WHEN c.closed THEN t.received + make_interval(secs => r.r_close * s.days * 2 * 86400) END AS closed_at) cl
CROSS JOIN LATERAL (
  SELECT (1 + ((p.lon + 83.082) / 0.164 * 7)::int % 7)::text AS council,
         (ARRAY['westfield', 'prospect-hill', 'northgate', 'elm-heights', 'cedar-hollow', 'harmon-square', 'fairmont',
                'eastwood', 'mill-race', 'old-town', 'brickyard', 'oak-grove', 'riverside', 'lockport'])
           [1 + (abs((p.lat - 39.946424) / 0.101076 * 3)::int * 5 + abs((p.lon + 83.082) / 0.164 * 5)::int) % 14] AS hood) d;

ANALYZE opendata.published_request;
