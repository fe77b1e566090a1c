-- People: accounts (residents, liaisons, staff, admins), the roles admins grant them, their
-- refresh tokens, the audit log of admin actions, and who did what to a request.

CREATE TABLE account (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Lower-cased at the door; null once the account is deleted (the row stays, so history
    -- can still say "someone whose account is gone" did it).
    email         text UNIQUE CHECK (email = lower(email)),
    -- Argon2id in PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    password_hash text,
    display_name  text,
    -- Accounts of the city's own identity provider: made on first use, no password here.
    issuer        text,
    subject       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    UNIQUE (issuer, subject),
    CHECK (deleted_at IS NOT NULL OR email IS NOT NULL OR subject IS NOT NULL)
);

-- Every account is a resident; these are the roles only an admin grants. Staff act for one
-- department per row; the other roles have none.
CREATE TABLE account_role (
    account_id      uuid NOT NULL REFERENCES account (id),
    role            text NOT NULL CHECK (role IN ('liaison', 'staff', 'admin')),
    department_code text REFERENCES department (code),
    granted_by      uuid REFERENCES account (id),
    granted_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'staff') = (department_code IS NOT NULL))
);
CREATE UNIQUE INDEX account_role_unique_idx ON account_role (account_id, role, coalesce(department_code, ''));

-- Refresh tokens: only their SHA-256 (they are 256 random bits, so no slow hash is needed).
-- Each use swaps the token for a new one of the same family; a used token presented again
-- means it was stolen, and the whole family (that login) is revoked.
CREATE TABLE refresh_token (
    hash        bytea PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES account (id),
    family      uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family);
CREATE INDEX refresh_token_account_idx ON refresh_token (account_id);
CREATE INDEX refresh_token_expiry_idx ON refresh_token (expires_at);

-- Every admin action, appended, never changed.
CREATE TABLE audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id  uuid REFERENCES account (id),
    action    text NOT NULL CHECK (action ~ '^[a-z_.]+$'),
    target    text,
    details   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER request_event_append_only BEFORE UPDATE OR DELETE ON request_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Who a request belongs to: the resident's account (filed signed in, or claimed later with
-- the receipt token), the liaison who filed it for a neighbour, and whether that neighbour
-- agreed to be contacted.
ALTER TABLE service_request
    ADD COLUMN reporter_account_id uuid REFERENCES account (id),
    ADD COLUMN filed_by_account_id uuid REFERENCES account (id),
    ADD COLUMN contact_consent     boolean;
CREATE INDEX service_request_reporter_idx ON service_request (reporter_account_id, id)
    WHERE reporter_account_id IS NOT NULL;
CREATE INDEX service_request_filed_by_idx ON service_request (filed_by_account_id, id)
    WHERE filed_by_account_id IS NOT NULL;
-- Staff work lists: a department's requests, newest first, by status.
CREATE INDEX service_request_department_idx ON service_request (department_code, status, received_at DESC, id DESC);

-- Who made each change to a request (null: the reporter or the system).
ALTER TABLE request_event ADD COLUMN actor_id uuid REFERENCES account (id);
