-- A sign-in ("session"): what one password sign-in's refresh-token family shares. Its id is the
-- family, and every access token of the sign-in names it (claim sid), so ending a session here
-- stops those tokens at once on the routes that re-read the account, instead of when they expire.
CREATE TABLE account_session (
    id               uuid PRIMARY KEY,
    account_id       uuid NOT NULL REFERENCES account (id),
    -- When the password was checked (claim auth_time): refreshing never moves it, so "signed in a
    -- moment ago" cannot be kept up by refreshing. Null for sign-ins made before sessions were
    -- kept: their time is not known, so they never count as recent.
    authenticated_at timestamptz,
    ended_at         timestamptz
);
-- Ending every sign-in of an account (password change or reset, deletion).
CREATE INDEX account_session_account_idx ON account_session (account_id) WHERE ended_at IS NULL;

-- The sign-ins live now: a family with a token not revoked. The others were ended before.
INSERT INTO account_session (id, account_id, authenticated_at, ended_at)
SELECT family, min(account_id::text)::uuid, NULL,
       CASE WHEN bool_or(revoked_at IS NULL AND expires_at > now()) THEN NULL ELSE now() END
FROM refresh_token GROUP BY family;
