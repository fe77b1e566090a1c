-- The history of what admins edit: every version of every service of the catalog, and every
-- jurisdiction loaded (city boundary and district layers). Whole-file imports leave history too,
-- with no actor. Both tables are append-only (refuse_change, from V5): history is never rewritten.

-- The version an admin's If-Match names: bumped by every change of the service, and equal to the
-- version of its latest service_history row.
ALTER TABLE service ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);

CREATE TABLE service_history (
    service_code text NOT NULL REFERENCES service (code),
    version      integer NOT NULL CHECK (version > 0),
    -- baseline: the definition found stored when history began (a database older than this table).
    action       text NOT NULL CHECK (action IN ('baseline', 'import', 'create', 'update', 'retire', 'restore')),
    active       boolean NOT NULL,
    -- The whole service as a catalog file writes it: every language, questions, target, privacy...
    definition   jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
    -- Null for a whole-file import (script/import, start-up).
    actor_id     uuid REFERENCES account (id),
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_code, version)
);
CREATE TRIGGER service_history_append_only BEFORE UPDATE OR DELETE ON service_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE jurisdiction_history (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code    text NOT NULL,
    name    jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    source  text NOT NULL,
    sha256  text NOT NULL,
    -- Null only for the jurisdiction already stored when history began: its size was not kept.
    bytes   bigint CHECK (bytes >= 0),
    -- [{"code": "council_districts", "features": 7}, ...], in the order of the layers.
    layers  jsonb NOT NULL CHECK (jsonb_typeof(layers) = 'array'),
    actor_id uuid REFERENCES account (id),
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER jurisdiction_history_append_only BEFORE UPDATE OR DELETE ON jurisdiction_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The jurisdiction an existing database already holds is the first entry of its history.
INSERT INTO jurisdiction_history (code, name, source, sha256, bytes, layers, at)
SELECT j.code, j.name, j.source, j.sha256, NULL,
       coalesce((SELECT jsonb_agg(jsonb_build_object('code', l.code, 'features',
                                   (SELECT count(*) FROM district d WHERE d.layer_code = l.code))
                                  ORDER BY l.sort_order)
                 FROM district_layer l), '[]'::jsonb),
       j.imported_at
FROM jurisdiction j;
