-- The city and its district layers. Boundaries are geometry(MultiPolygon, 4326): point-in-
-- polygon tests are exact on lon/lat and need no metres; distances elsewhere use geography.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE jurisdiction (
    code        text PRIMARY KEY,
    name        jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    boundary    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
    source      text NOT NULL,
    sha256      text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE district_layer (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    name       jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    sort_order integer NOT NULL
);

CREATE TABLE district (
    layer_code text NOT NULL REFERENCES district_layer (code) ON DELETE CASCADE,
    code       text NOT NULL,
    name       jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    PRIMARY KEY (layer_code, code)
);

-- Routing asks "which district holds this point" on every report.
CREATE INDEX district_geom_idx ON district USING gist (geom);
