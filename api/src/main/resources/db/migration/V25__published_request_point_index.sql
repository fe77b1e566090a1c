-- A bbox's page of published requests from an index alone. PostGIS's GiST index (V16) stores boxes, so
-- each match it finds is read from the table, one to a page of a table kept in time order; V23's key
-- index tests the point in key order, but to fill a page of 1,000 scans 1,000 / (the bbox's share of
-- the rows) entries. A mid-density neighbourhood (20,000 to 60,000 matches of 5 M) took 200-700 ms
-- either way. PostgreSQL's own point GiST index returns what it holds: the bbox, also written
-- point(location) <@ box(...) (the same rows as ST_Intersects, edges included), finds its matches'
-- keys here, the page's 1,000 are sorted out, and only their rows are read. location is included
-- because an index on an expression alone does not let the planner answer from the index; the
-- property filters' columns for the same reason as in V23. On 5 M rows (script/bench opendata, a
-- loaded 2-core machine) the bbox page's SQL went from a median of 160 ms to 53 ms (p90 710 to 123 ms);
-- the index takes 928 MB, built in 24 s.
CREATE INDEX published_request_live_point_idx ON opendata.published_request USING gist (point(location))
    INCLUDE (received_at, tracking_number, location, service_code, status, department, channel)
    WHERE withdrawn_at IS NULL AND listed;
