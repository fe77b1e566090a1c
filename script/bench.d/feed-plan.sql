-- The query plan of GET /v1/me/updates (FeedRepository.after) on generated data: requests, events
-- written by many transactions (a tenth of them internal notes), 10,000 accounts following 5
-- requests each, and one account following 1,000. Prints EXPLAIN ANALYZE of a first page and of a
-- poll that finds nothing, for both accounts, with the plan a fresh statement gets and the generic
-- plan a pooled connection settles on.
--
-- Run it as a superuser (it writes with triggers off, to generate fast) on a scratch database that
-- Curbside has migrated, e.g. the one script/bench leaves behind:
--   psql -h 127.0.0.1 -U postgres -d curbside_bench -v events=400000 -f script/bench.d/feed-plan.sql
-- It adds rows and never removes them: drop the database afterwards.
\set ON_ERROR_STOP 1
\if :{?events}
\else
\set events 400000
\endif
\set requests 50000

INSERT INTO department (code, name) VALUES ('bench', '{"en": "Bench"}') ON CONFLICT DO NOTHING;
INSERT INTO service_group (code, name, sort_order) VALUES ('bench', '{"en": "Bench"}', 0) ON CONFLICT DO NOTHING;
INSERT INTO service (code, group_code, department_code, name, description, target_value, target_unit, photo_policy,
                     privacy_class, anonymous_allowed, sort_order)
VALUES ('bench', 'bench', 'bench', '{"en": "Bench"}', '{"en": "Bench"}', 3, 'business_days', 'accepted', 'open', true, 0)
ON CONFLICT DO NOTHING;

SET session_replication_role = replica;
SELECT coalesce(max(id), 0) AS first_request FROM service_request \gset
-- Tracking numbers in hex: valid symbols, unique; the check symbol is not the database's concern.
INSERT INTO service_request (tracking_number, service_code, location, language, channel, receipt_token_hash,
                             department_code, expected_at)
SELECT 'CS-' || lpad(upper(to_hex(i / 65536)), 4, '0') || '-' || lpad(upper(to_hex(i % 65536)), 4, '0'),
       'bench', ST_SetSRID(ST_MakePoint(-83, 40), 4326)::geography, 'en', 'web', '\x00', 'bench', now()
FROM generate_series(:first_request + 1, :first_request + :requests) i;
-- One transaction per 1,000 events, spread at random over the requests.
CREATE TEMP TABLE bench_settings AS SELECT :first_request AS first_request, :requests AS requests, :events AS events;
DO $$
DECLARE
    s bench_settings%ROWTYPE;
BEGIN
    SELECT * INTO s FROM bench_settings;
    FOR batch IN 0 .. s.events / 1000 - 1 LOOP
        INSERT INTO request_event (request_id, kind, status, public, note)
        SELECT s.first_request + 1 + (hashint8(batch * 1000 + j) & 2147483647) % s.requests, 'note', 'in_progress',
               j % 10 <> 0, 'n'
        FROM generate_series(1, 1000) j;
        COMMIT;
    END LOOP;
END
$$;
INSERT INTO account (email) SELECT 'bench-' || gen_random_uuid() || '@example.org' FROM generate_series(1, 10000);
INSERT INTO request_follower (request_id, account_id, reason)
SELECT DISTINCT r, a.id, 'follow'
FROM account a, LATERAL (SELECT :first_request + 1 + (hashtext(a.id::text || k) & 2147483647) % :requests AS r
                         FROM generate_series(1, 5) k) x
WHERE a.email LIKE 'bench-%'
ON CONFLICT DO NOTHING;
INSERT INTO account (email) VALUES ('bench-heavy-' || gen_random_uuid() || '@example.org') RETURNING id AS heavy \gset
INSERT INTO request_follower (request_id, account_id, reason)
SELECT :first_request + i * (:requests / 1000), :'heavy', 'follow' FROM generate_series(1, 1000) i;
SET session_replication_role = DEFAULT;
VACUUM ANALYZE service_request, request_event, request_follower, account;

SELECT f.account_id AS light FROM request_follower f JOIN account a ON a.id = f.account_id
WHERE a.email LIKE 'bench-%' AND a.id <> :'heavy' LIMIT 1 \gset
SELECT max(xact)::text AS last_xact, max(id) AS last_id FROM request_event \gset
SELECT count(*) AS events, count(DISTINCT xact) AS transactions FROM request_event;

-- As in FeedRepository.after; $4 is the page size plus one.
PREPARE feed(uuid, text, bigint, int) AS
WITH page AS (
    SELECT e.xact, e.id
    FROM request_follower f
    CROSS JOIN LATERAL (
        SELECT xact, id FROM request_event
        WHERE request_id = f.request_id AND public
          AND (xact, id) > ($2::xid8, $3)
          AND xact < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY xact, id LIMIT $4) e
    WHERE f.account_id = $1
    ORDER BY e.xact, e.id LIMIT $4)
SELECT p.xact::text, p.id, r.tracking_number, e.kind, e.status, e.note, e.data::text, e.at
FROM page p JOIN request_event e ON e.id = p.id JOIN service_request r ON r.id = e.request_id
ORDER BY p.xact, p.id;

\echo '== 1,000 requests followed, first page (no since)'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'heavy', '0', 0, 51);
\echo '== 1,000 requests followed, a poll that finds nothing'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'heavy', :'last_xact', :last_id, 51);
\echo '== 5 requests followed, first page'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'light', '0', 0, 51);
\echo '== 5 requests followed, a poll that finds nothing'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'light', :'last_xact', :last_id, 51);
SET plan_cache_mode = force_generic_plan;
\echo '== generic plan: 1,000 requests followed, a poll that finds nothing'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'heavy', :'last_xact', :last_id, 51);
\echo '== generic plan: 5 requests followed, a poll that finds nothing'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed(:'light', :'last_xact', :last_id, 51);
