-- The city's official address points (issue 12), replaced whole by each import. They are the
-- city's own public data, not reporters': nothing here says which address has requests.
-- pg_trgm ships with Debian's postgresql-15 (the contrib modules are in the server package).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- dmetaphone: a street's sound, for the typos trigrams miss ("mian" shares one trigram with "main").
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE address (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The city's id (OpenAddresses ID, else its HASH): what a client keeps, stable across imports.
    official_id       text NOT NULL UNIQUE CHECK (official_id <> ''),
    -- As written ("12", "12A", "12 1/2"); number_value is its whole part, for order and interpolation.
    number            text NOT NULL CHECK (number <> ''),
    number_value      integer NOT NULL CHECK (number_value >= 0),
    -- The normalized unit ("APT 4", "STE 200", "# 3"); '' when the point is the whole building.
    unit              text NOT NULL DEFAULT '',
    street            text NOT NULL CHECK (street <> ''),
    -- addresses.AddressNormalizer's form of the street ("N MAIN ST") and of the whole address
    -- ("12A N MAIN ST APT 4"): the same code normalizes what is searched, so they compare equal.
    street_normalized text NOT NULL CHECK (street_normalized <> ''),
    normalized        text NOT NULL,
    city              text NOT NULL DEFAULT '',
    postcode          text NOT NULL DEFAULT '',
    location          geometry(Point, 4326) NOT NULL
);

-- Search finds a street first, then its numbers: "123 main" is one index range on the street's
-- addresses around 123 (exact match, and the neighbours an interpolation needs).
CREATE INDEX address_street_number_idx ON address (street_normalized, number_value);

-- Reverse geocoding: nearest point first (KNN, <->) within a radius in metres. On geography, so
-- the order is by metres: at 40°N a degree of longitude is 0.77 of one of latitude, and a
-- geometry index would rank a point 70 m east before one 60 m north.
CREATE INDEX address_location_idx ON address USING gist ((location::geography));

-- One row per distinct street, rebuilt by each import: search as you type matches the typed
-- street against a few thousand names rather than a million addresses. core is the name without
-- its directions and type ("N MAIN ST" is "MAIN"), what a resident is surest of; sound is its
-- Double Metaphone key.
CREATE TABLE address_street (
    name      text PRIMARY KEY,
    core      text NOT NULL,
    sound     text NOT NULL,
    addresses integer NOT NULL
);

-- Typo-tolerant and prefix matching of the typed street (pg_trgm's word similarity, <%, and
-- LIKE 'MAIN S%'), which a btree cannot do; GIN rather than GiST: the table changes only at
-- import, and GIN answers trigram lookups faster.
CREATE INDEX address_street_name_trgm_idx ON address_street USING gin (name gin_trgm_ops);
-- The same on the core alone, so a street typed without its type or direction still scores high.
CREATE INDEX address_street_core_trgm_idx ON address_street USING gin (core gin_trgm_ops);
-- The fast path of search: a street typed exactly, or its core, or their beginning while typing
-- (LIKE 'MAIN S%'); text_pattern_ops so LIKE can use a btree whatever the database's collation.
-- On a few thousand streets a trigram match reads every row; this reads a handful.
CREATE INDEX address_street_name_prefix_idx ON address_street (name text_pattern_ops);
CREATE INDEX address_street_core_prefix_idx ON address_street (core text_pattern_ops);
-- Equality on the sound key: "mian", "mane" and "main" share one.
CREATE INDEX address_street_sound_idx ON address_street (sound);
