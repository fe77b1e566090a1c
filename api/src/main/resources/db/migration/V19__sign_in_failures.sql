-- Failed sign-ins per e-mail address, for the per-account back-off (accounts.SignInBackoff):
-- every node reads and writes the same rows, so guesses spread over nodes and client addresses
-- all count. Keyed by the SHA-256 of the lower-cased address, whether or not it has an account,
-- so an unknown address is answered exactly like a known one (and no address is stored here).
CREATE TABLE sign_in_failure (
    address_hash    bytea PRIMARY KEY,
    -- Attempts of the current run, counted before the password is checked and forgotten on success.
    failures        integer NOT NULL CHECK (failures >= 0),
    last_failed_at  timestamptz NOT NULL,
    -- No attempt is checked before then: the growing delay, answered at once with 429.
    next_allowed_at timestamptz NOT NULL,
    -- When the owner was last mailed about the failures: once a period, however long the run.
    owner_told_at   timestamptz
);
-- The hourly purge deletes runs long over.
CREATE INDEX sign_in_failure_next_allowed_idx ON sign_in_failure (next_allowed_at);

-- The language mail to the account is written in: the one its sign-up asked for
-- (Accept-Language); null when it asked for none, and mail then follows the request causing it.
ALTER TABLE account ADD COLUMN language text CHECK (language ~ '^[a-z]{2,8}(-[a-z0-9]{1,8})*$');
