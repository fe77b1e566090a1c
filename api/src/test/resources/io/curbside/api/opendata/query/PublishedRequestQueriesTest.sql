-- A published_request of the same shape as opendata.published_request, in a schema of its own,
-- so the query layer is checked against PostGIS without the open-data migration.
CREATE SCHEMA query_test;
CREATE TABLE query_test.published_request (
    tracking_number text PRIMARY KEY,
    service_code text NOT NULL,
    service_name text NOT NULL,
    department text,
    districts jsonb NOT NULL DEFAULT '{}',
    district_codes text[] NOT NULL DEFAULT '{}',
    status text NOT NULL,
    status_detail text,
    received_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    closed_at timestamptz,
    expected_at timestamptz,
    on_time boolean,
    me_too_count int NOT NULL DEFAULT 0,
    channel text NOT NULL,
    location geometry(Point, 4326),
    location_precision_m int,
    description text,
    photo_urls jsonb NOT NULL DEFAULT '[]',
    address text,
    withdrawn_at timestamptz,
    changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO query_test.published_request (tracking_number, service_code, service_name, department, district_codes, status,
        received_at, updated_at, closed_at, on_time, me_too_count, channel, location, description) VALUES
    ('CS-0001', 'pothole', 'Pothole', 'Roads', '{D1,W1}', 'open', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', NULL,
        true, 0, 'phone', ST_SetSRID(ST_MakePoint(-73.55, 40.75), 4326), 'Big pothole on O''Brien St'),
    ('CS-0002', 'graffiti', 'Graffiti', 'Parks', '{D2}', 'closed', '2026-03-01T23:30:00Z', '2026-03-03T09:00:00Z',
        '2026-03-03T09:00:00Z', false, 3, 'app', ST_SetSRID(ST_MakePoint(-73.40, 40.60), 4326), '100% ugly_tag'),
    ('CS-0003', 'pothole', 'Pothole', 'Roads', '{D1}', 'closed', '2026-03-02T00:30:00Z', '2026-03-04T00:00:00Z',
        '2026-03-04T00:00:00Z', NULL, 5, 'web', NULL, NULL),
    ('CS-0004', 'streetlight', 'Street light out', NULL, '{}', 'open', '2026-02-15T12:00:00Z', '2026-02-15T12:00:00Z', NULL,
        true, 1, 'app', ST_SetSRID(ST_MakePoint(10, 50), 4326), 'light out');
