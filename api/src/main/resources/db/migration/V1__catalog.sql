-- The service catalog: what a resident can request, in every language the city offers.
-- Translatable texts are jsonb maps from a BCP 47 tag to text ({"en": "...", "es": "..."}),
-- so adding a language never needs a migration; the API falls back per field to English.

CREATE TABLE department (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    name        jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_group (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    name        jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    sort_order  integer NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service (
    code              text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    group_code        text NOT NULL REFERENCES service_group (code),
    department_code   text NOT NULL REFERENCES department (code),
    name              jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    description       jsonb NOT NULL CHECK (jsonb_typeof(description) = 'object'),
    keywords          text[] NOT NULL DEFAULT '{}',
    target_value      integer NOT NULL CHECK (target_value > 0),
    target_unit       text NOT NULL CHECK (target_unit IN ('hours', 'business_days', 'calendar_days')),
    photo_policy      text NOT NULL CHECK (photo_policy IN ('required', 'accepted', 'not_accepted')),
    privacy_class     text NOT NULL CHECK (privacy_class IN ('open', 'limited', 'sensitive', 'withheld')),
    anonymous_allowed boolean NOT NULL,
    -- Non-null marks an emergency: the app shows this message (call 911) and nothing is filed.
    emergency_message jsonb CHECK (emergency_message IS NULL OR jsonb_typeof(emergency_message) = 'object'),
    sort_order        integer NOT NULL,
    -- Retired services stay, because requests already filed refer to them.
    active            boolean NOT NULL DEFAULT true,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX service_group_idx ON service (group_code, sort_order) WHERE active;

-- Per-district routing: the department for this service in that district, when it is not the
-- service's own (e.g. trees in the riverfront park district go to Parks).
CREATE TABLE service_district_department (
    service_code    text NOT NULL REFERENCES service (code) ON DELETE CASCADE,
    district_code   text NOT NULL,
    department_code text NOT NULL REFERENCES department (code),
    PRIMARY KEY (service_code, district_code)
);

-- Open311-style attributes: the questions a reporter answers for a service.
CREATE TABLE service_question (
    service_code text NOT NULL REFERENCES service (code) ON DELETE CASCADE,
    code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
    datatype     text NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text',
                                                   'singlevaluelist', 'multivaluelist')),
    required     boolean NOT NULL,
    sort_order   integer NOT NULL,
    prompt       jsonb NOT NULL CHECK (jsonb_typeof(prompt) = 'object'),
    description  jsonb CHECK (description IS NULL OR jsonb_typeof(description) = 'object'),
    PRIMARY KEY (service_code, code)
);

CREATE TABLE service_question_value (
    service_code  text NOT NULL,
    question_code text NOT NULL,
    key           text NOT NULL,
    name          jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    sort_order    integer NOT NULL,
    PRIMARY KEY (service_code, question_code, key),
    FOREIGN KEY (service_code, question_code)
        REFERENCES service_question (service_code, code) ON DELETE CASCADE
);

-- Every import of a catalog file, so an operator can tell what the database was loaded from.
CREATE TABLE catalog_import (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text NOT NULL,
    sha256      text NOT NULL,
    languages   text[] NOT NULL,
    services    integer NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
