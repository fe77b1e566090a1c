-- Notifications: webhook subscriptions of apps and partner systems, and the transactional
-- outbox every notification (webhook or e-mail) waits in until a node has delivered it.
-- Rows are written in the transaction of the change they tell about, and claimed by any
-- number of nodes with FOR UPDATE SKIP LOCKED and a lease (OutboxRepository).

CREATE TABLE webhook_subscription (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- https (http only where curbside.webhooks.allow-http is set), checked against private
    -- and loopback addresses at creation and again at each delivery (WebhookTargets).
    url              text NOT NULL CHECK (url ~ '^https?://'),
    -- The HMAC-SHA256 key, 32 random bytes made by Curbside and shown once, as whsec_<base64>.
    -- Not a hash: signing needs the key itself, as the receiver's check does. Sealed (AES-GCM,
    -- secret_sealed) under curbside.webhooks.secret-key where one is configured, so a copy of
    -- the database cannot sign as Curbside; else kept as it is, as secret as the database itself.
    secret           bytea NOT NULL CHECK (octet_length(secret) >= 32),
    secret_sealed    boolean NOT NULL,
    -- Filters: a request must match both lists; an empty list matches every code.
    service_codes    text[] NOT NULL DEFAULT '{}',
    department_codes text[] NOT NULL DEFAULT '{}',
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text,
    deactivated_at   timestamptz,
    -- Why it stopped: 'deactivated' by staff, or 'gone' when the receiver answered 410.
    deactivated_why  text
);

-- One row per delivery to do: a public request event to one subscription, or one e-mail.
CREATE TABLE outbox_message (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The webhook-id (or Message-ID) of every attempt: the same on retries, so receivers can
    -- drop a repeat; random, so it tells nobody how many messages Curbside sends.
    message_id      uuid NOT NULL DEFAULT gen_random_uuid(),
    channel         text NOT NULL CHECK (channel IN ('webhook', 'email')),
    subscription_id bigint REFERENCES webhook_subscription (id),
    recipient       text,
    event_id        bigint REFERENCES request_event (id),
    -- Webhook: the body as sent. E-mail: {"subject": ..., "text": ...}.
    payload         jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Attempts started, counted when a node claims the row: a message whose delivery crashes
    -- its node every time still ends up given up.
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- The lease of the node delivering it; another node may take the row once it has passed.
    claimed_until   timestamptz,
    -- Which claim holds the lease: only its holder may then mark the row, so a node that
    -- comes back after losing its lease cannot undo the work of the node that took the row over.
    claimed_by      uuid,
    delivered_at    timestamptz,
    -- Set when retries are over (too many attempts, 410 Gone, subscription deactivated): the dead letter.
    gave_up_at      timestamptz,
    last_error      text,
    CHECK ((channel = 'webhook') = (subscription_id IS NOT NULL)),
    CHECK ((channel = 'email') = (recipient IS NOT NULL)),
    CHECK (delivered_at IS NULL OR gave_up_at IS NULL)
);
-- The claim reads only rows still to deliver, by due time: this index holds only those, so it
-- stays small however long the delivered history grows.
CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at)
    WHERE delivered_at IS NULL AND gave_up_at IS NULL;
-- Retiring a subscription gives up its pending rows.
CREATE INDEX outbox_message_subscription_idx ON outbox_message (subscription_id)
    WHERE delivered_at IS NULL AND gave_up_at IS NULL;
-- The purge of finished rows past their retention, oldest first.
CREATE INDEX outbox_message_done_idx ON outbox_message ((coalesce(delivered_at, gave_up_at)))
    WHERE delivered_at IS NOT NULL OR gave_up_at IS NOT NULL;

-- Every public event of a request, however it was written (intake, staff tools, a future
-- route, plain SQL), makes one webhook message per active subscription that matches, in the
-- same transaction: a trigger, because a Java hook would miss every path that does not call it.
-- The payload is public data only: the tracking number, service, department, status, the
-- event's kind, time and note (written by staff for the public). Never the reporter's text,
-- contact, exact place or device.
CREATE FUNCTION fan_out_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_message (channel, subscription_id, event_id, payload)
    SELECT 'webhook', s.id, NEW.id, jsonb_build_object(
               'type', 'service_request.' || NEW.kind,
               'timestamp', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', jsonb_build_object(
                   'tracking_number', r.tracking_number,
                   'service_code', r.service_code,
                   'department_code', r.department_code,
                   'status', NEW.status,
                   'event', NEW.kind,
                   'note', NEW.note,
                   'at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    FROM service_request r
    JOIN webhook_subscription s
      ON s.active
     AND (cardinality(s.service_codes) = 0 OR r.service_code = ANY (s.service_codes))
     AND (cardinality(s.department_codes) = 0 OR r.department_code = ANY (s.department_codes))
    WHERE r.id = NEW.request_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER request_event_fan_out AFTER INSERT ON request_event
    FOR EACH ROW WHEN (NEW.public) EXECUTE FUNCTION fan_out_request_event();
