-- Mail Curbside sends about an account to its owner: password reset codes, and the notice that
-- someone tried to sign up with the owner's address. Counted per account to throttle it.
CREATE TABLE account_mail (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES account (id),
    kind        text NOT NULL CHECK (kind IN ('password_reset', 'sign_up_attempt')),
    -- Only the SHA-256 of a reset code: it is 256 random bits, so no slow hash is needed, and a
    -- copy of this table resets no password.
    token_hash  bytea UNIQUE,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    used_at     timestamptz,
    CHECK ((kind = 'password_reset') = (token_hash IS NOT NULL AND expires_at IS NOT NULL))
);
-- The throttle counts an account's mail of the last hour.
CREATE INDEX account_mail_account_idx ON account_mail (account_id, sent_at);
