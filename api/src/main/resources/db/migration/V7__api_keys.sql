-- API keys of machine clients (Open311 POST clients, open-data consumers), issued and revoked by
-- administrators. Each has its own rate limit. The key itself is shown once, when it is issued;
-- only its SHA-256 is kept, so a copy of this table lets nobody in.
--
-- Why SHA-256 and not a slow password hash (bcrypt, Argon2): the secret is 32 random bytes, not
-- something a person chose. Slow hashes protect low-entropy passwords against guessing; against
-- 2^256 possibilities a fast hash is already out of reach, and it lets every request be checked in
-- microseconds.
CREATE TABLE api_key (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The public start of the key ("cs_live_ab12cd34"): finds the row (its UNIQUE index), and
    -- names the key in lists and logs without revealing it.
    prefix       text NOT NULL UNIQUE CHECK (prefix ~ '^cs_live_[0-9a-z]{8}$'),
    -- SHA-256 of the whole key as the client sends it (prefix, "_" and secret).
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    -- Who the key is for and why ("Riverton Open311 app, contact ops@example.org").
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Requests a minute; null: the configured default for keys (CURBSIDE_RATE_LIMIT_API_KEY_PER_MINUTE).
    per_minute   integer CHECK (per_minute > 0),
    created_at   timestamptz NOT NULL,
    -- The administrator who issued it (an account id once accounts exist); free text until then.
    created_by   text,
    revoked_at   timestamptz,
    -- Updated at most about once a minute per key and node, not on every request.
    last_used_at timestamptz
);
